/**
 * The workbench page: the task pane beside a workbook drawn in the page, for demos and browser tests. The
 * host is chosen by `?host=` (memory by default); `?lang=en` starts the pane in English, `?theme=dark` in the
 * dark Office theme.
 */
import { createRoot } from 'react-dom/client';
import { Workbench } from './Workbench';
import { WORKBENCH_HOSTS } from './workbench-host';

const params = new URLSearchParams(window.location.search);
const hostName = params.get('host') ?? 'memory';
const host = WORKBENCH_HOSTS[hostName]?.() ?? null;
const container = document.getElementById('root');
if (container) {
  if (host) {
    createRoot(container).render(
      <Workbench
        host={host}
        lang={params.get('lang') === 'en' ? 'en' : 'zh-CN'}
        theme={params.get('theme') === 'dark' ? 'dark' : 'light'}
      />,
    );
  } else {
    const message = document.createElement('p');
    message.setAttribute('role', 'alert');
    message.textContent = `宿主不可用 / host not available: ${hostName}`;
    container.append(message);
  }
}
