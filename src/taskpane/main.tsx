/**
 * The pane's entry: the one place that picks the host. Until the Excel and WPS adapters land, the pane runs
 * against an in-memory demo workbook so every section does real work.
 */
import { createRoot } from 'react-dom/client';
import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import { MemoryWorkbook } from '../hosts/memory/memory-workbook';
import { App, sectionFromHash } from './App';
import { uiStrings } from './strings';

const container = document.getElementById('root');
if (container) {
  createRoot(container).render(
    <FluentProvider theme={webLightTheme}>
      <App
        port={new MemoryWorkbook()}
        hostLabel={uiStrings('zh-CN').demoHost}
        initialSection={sectionFromHash(window.location.hash)}
      />
    </FluentProvider>,
  );
}
