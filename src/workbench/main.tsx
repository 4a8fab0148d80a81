/**
 * The workbench page: the task pane beside a workbook drawn in the page, for demos and browser tests. The
 * host is chosen by `?host=` (memory by default); `?lang=en` starts the pane in English.
 */
import { createRoot } from 'react-dom/client';
import { Workbench } from './Workbench';
import { WORKBENCH_HOSTS } from './workbench-host';

const params = new URLSearchParams(window.location.search);
const hostName = params.get('host') ?? 'memory';
const makeHost = WORKBENCH_HOSTS[hostName];
const container = document.getElementById('root');
if (container) {
  if (makeHost) {
    createRoot(container).render(
      <Workbench host={makeHost()} lang={params.get('lang') === 'en' ? 'en' : 'zh-CN'} />,
    );
  } else {
    const message = document.createElement('p');
    message.setAttribute('role', 'alert');
    message.textContent = `未知的宿主 / unknown host: ${hostName}`;
    container.append(message);
  }
}
