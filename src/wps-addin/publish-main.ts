/**
 * publish.html: the install page of the WPS add-in, like the one `wpsjs publish` makes, with nothing loaded
 * from elsewhere. Opened in the user's browser from the server that hosts dist/wps, one click writes the
 * add-in's entry into the user's jsaddons/publish.xml through WPS's own local service (publish.ts); where that
 * service cannot be reached the page shows the line to add by hand.
 */
import {
  encodeCommand,
  entryFor,
  parsePublishList,
  publishXmlLine,
  START_SERVICE_LINK,
  WPS_SERVICE,
  type AddinEntry,
  type InstallMode,
  type PublishConfig,
} from './publish';

const TIMEOUT_MS = 5000;
const TRIES = 3;

function post(path: string, body: string): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open('POST', WPS_SERVICE + path);
    request.timeout = TIMEOUT_MS;
    request.onload = () => resolve({ status: request.status, text: request.responseText });
    request.onerror = () => reject(new Error('unreachable'));
    request.ontimeout = () => reject(new Error('timeout'));
    request.send(body);
  });
}

/**
 * Opens the link that starts WPS's service, in a hidden frame: the browser asks whether to open WPS Office,
 * and this page stays as it is (a top-level navigation to the link could replace it in some browsers).
 */
function startService(): void {
  const frame = document.createElement('iframe');
  frame.hidden = true;
  frame.dataset.wpsStart = '';
  frame.src = START_SERVICE_LINK;
  document.body.appendChild(frame);
}

const wait = (ms: number) => new Promise<void>((done) => setTimeout(done, ms));

/** Posts, and when the service does not answer asks the browser to start it, then tries again. */
async function postStartingService(path: string, body: string, say: (text: string) => void) {
  let lastError: unknown = null;
  for (let attempt = 1; attempt <= TRIES; attempt += 1) {
    try {
      return await post(path, body);
    } catch (error) {
      lastError = error;
      if (attempt === 1) {
        say(
          '正在启动本机的 WPS 服务，浏览器询问时请允许打开 WPS Office… / Starting the WPS service: allow the browser to open WPS Office…',
        );
        startService();
      }
      await wait(1500);
    }
  }
  throw lastError;
}

function element<T extends HTMLElement>(id: string): T {
  const found = document.getElementById(id);
  if (found === null) throw new Error(`publish.html has no #${id}`);
  return found as T;
}

function start(): void {
  const data = document.body.dataset;
  const config: PublishConfig = {
    name: data.name ?? '',
    version: data.version ?? '',
    offlinePackage: data.offline ?? '',
  };
  const status = element<HTMLParagraphElement>('status');
  const installed = element<HTMLParagraphElement>('installed');
  const manual = element<HTMLPreElement>('manual');
  const offlineChoice = element<HTMLInputElement>('mode-offline');
  element<HTMLSpanElement>('version').textContent = config.version;
  if (config.offlinePackage === '') {
    offlineChoice.disabled = true;
    element<HTMLSpanElement>('offline-note').textContent =
      '（本次构建没有 .7z 离线包 / this build has no .7z package）';
  }
  const say = (text: string) => {
    status.textContent = text;
  };
  const mode = (): InstallMode => (offlineChoice.checked ? 'offline' : 'online');
  const entry = (): AddinEntry => entryFor(mode(), window.location.href, config);
  const showManual = () => {
    manual.textContent = publishXmlLine(entry());
  };
  showManual();
  for (const input of Array.from(document.querySelectorAll<HTMLInputElement>('input[name="mode"]'))) {
    input.addEventListener('change', showManual);
  }

  async function refresh(): Promise<void> {
    try {
      const answer = await post('/publishlist', '');
      const ours = parsePublishList(answer.text).filter(
        (e) => e.name === config.name && e.addonType === 'et',
      );
      const enabled = ours.filter((e) => e.enable !== 'false' && e.enable !== 'disable');
      installed.textContent =
        enabled.length > 0
          ? `已安装 / installed: ${enabled.map((e) => (e.online === 'true' ? `在线 online ${e.url}` : `离线 offline ${e.url}`)).join('; ')}`
          : '本机尚未安装 / not installed on this machine';
    } catch {
      installed.textContent =
        '未检测到本机的 WPS 服务（WPS 未运行时正常）/ the WPS service on this machine did not answer (normal while WPS is not running)';
    }
  }

  async function command(cmd: 'enable' | 'disable'): Promise<void> {
    const target = entry();
    say(cmd === 'enable' ? '正在安装… / installing…' : '正在卸载… / removing…');
    try {
      const answer = await postStartingService(
        '/deployaddons/runParams',
        encodeCommand(cmd, target, Date.now()),
        say,
      );
      if (answer.status !== 200) throw new Error(`HTTP ${answer.status}`);
      say(
        cmd === 'enable'
          ? '已写入 publish.xml。请完全退出并重新启动 WPS 表格，首次加载时选择“允许”，即可看到“绩效管理”选项卡。 / Written to publish.xml: restart WPS 表格, allow the add-in when asked, and the 绩效管理 tab appears.'
          : '已在 publish.xml 中停用。重新启动 WPS 表格后“绩效管理”选项卡消失。 / Disabled in publish.xml: the tab goes after WPS 表格 restarts.',
      );
      await refresh();
    } catch (error) {
      say(
        `未能连接本机的 WPS 服务（${WPS_SERVICE}）：请确认已安装 WPS，或把下面一行手动加入 jsaddons/publish.xml。 / ` +
          `Could not reach the WPS service (${String(error instanceof Error ? error.message : error)}): ` +
          'check that WPS is installed, or add the line below to jsaddons/publish.xml by hand.',
      );
    }
  }

  element<HTMLButtonElement>('install').addEventListener('click', () => void command('enable'));
  element<HTMLButtonElement>('remove').addEventListener('click', () => void command('disable'));
  void refresh();
}

start();
