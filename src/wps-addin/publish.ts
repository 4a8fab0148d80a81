/**
 * What the install page (publish.html) says to WPS, as the page `wpsjs publish` makes does: WPS runs a small
 * service on the user's machine (http://127.0.0.1:58890) that writes add-in entries into the user's
 * jsaddons/publish.xml. A command is the base64 of the UTF-8 JSON of the entry plus `cmd` ("enable" adds or
 * enables it, "disable" disables it), posted as plain text to /deployaddons/runParams; /publishlist answers
 * the entries already there. When the service is not running, opening ksoWPSCloudSvr://start=RelayHttpServer
 * asks the browser to start it (the browser asks the user first).
 */

export const WPS_SERVICE = 'http://127.0.0.1:58890';
export const START_SERVICE_LINK = 'ksoWPSCloudSvr://start=RelayHttpServer';

export interface PublishConfig {
  /** The add-in's name in publish.xml. */
  name: string;
  version: string;
  /** The offline package beside the page (offline/<name>_<version>.7z), or '' when the build made none. */
  offlinePackage: string;
}

export type InstallMode = 'online' | 'offline';

/** One add-in entry as the WPS service takes it (every value a string, as in publish.xml). */
export interface AddinEntry {
  name: string;
  addonType: 'et';
  online: 'true' | 'false';
  url: string;
  version: string;
}

/** The folder of a page URL, ending in "/" (query and fragment dropped). */
export function folderOf(pageUrl: string): string {
  return pageUrl.replace(/[?#].*$/, '').replace(/[^/]*$/, '');
}

/**
 * The entry for this add-in: online, WPS loads ribbon.xml and the pages from the folder that serves this page
 * (every machine gets updates from the server); offline, WPS downloads the .7z package once and keeps it.
 */
export function entryFor(mode: InstallMode, pageUrl: string, config: PublishConfig): AddinEntry {
  const folder = folderOf(pageUrl);
  if (mode === 'offline') {
    if (config.offlinePackage === '') throw new Error('no offline package in this build');
    return {
      name: config.name,
      addonType: 'et',
      online: 'false',
      url: folder + config.offlinePackage,
      version: config.version,
    };
  }
  return { name: config.name, addonType: 'et', online: 'true', url: folder, version: config.version };
}

/** Base64 of the UTF-8 bytes of a string (btoa alone takes Latin-1 only). */
export function base64Utf8(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}

/** The body of a /deployaddons/runParams request. */
export function encodeCommand(cmd: 'enable' | 'disable', entry: AddinEntry, time: number): string {
  return base64Utf8(JSON.stringify({ cmd, ...entry, time }));
}

/** An entry of the /publishlist answer, as far as the page needs it. */
export interface ListedEntry {
  name: string;
  addonType: string;
  online: string;
  url: string;
  enable: string;
}

/** The entries in a /publishlist answer; [] for anything that is not a list of objects. */
export function parsePublishList(text: string): ListedEntry[] {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return [];
  }
  if (!Array.isArray(data)) return [];
  const text_ = (value: unknown) =>
    typeof value === 'string' ? value : value === undefined ? '' : String(value);
  return data
    .filter((item): item is Record<string, unknown> => typeof item === 'object' && item !== null)
    .map((item) => ({
      name: text_(item.name),
      addonType: text_(item.addonType),
      online: text_(item.online),
      url: text_(item.url),
      enable: text_(item.enable),
    }));
}

/** The line to put into publish.xml by hand, for when the service cannot be reached. */
export function publishXmlLine(entry: AddinEntry): string {
  const attr = (value: string) =>
    value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  return entry.online === 'true'
    ? `<jspluginonline name="${attr(entry.name)}" type="et" url="${attr(entry.url)}" enable="enable" install="null"/>`
    : `<jsplugin name="${attr(entry.name)}" type="et" url="${attr(entry.url)}" version="${attr(entry.version)}" enable="enable" install="null"/>`;
}
