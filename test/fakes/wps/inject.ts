/**
 * Entry bundled into a page before the pane loads (see init-script.ts): a fresh fake workbook, installed as
 * WPS installs `Application` and `wps`. Options come from `window.__wpsFakeOptions` when a test sets them.
 */
import { installWpsFake, type WpsFakeScope } from './install';

installWpsFake(window as unknown as WpsFakeScope);
