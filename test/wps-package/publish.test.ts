/**
 * What the install page sends to WPS's local service (src/wps-addin/publish.ts): the entry for each install
 * mode, the base64 UTF-8 JSON body, the /publishlist answer read defensively, the line for publish.xml.
 */
import {
  encodeCommand,
  entryFor,
  folderOf,
  parsePublishList,
  publishXmlLine,
  type PublishConfig,
} from '../../src/wps-addin/publish';

const CONFIG: PublishConfig = {
  name: 'budget-performance',
  version: '0.1.0',
  offlinePackage: 'offline/budget-performance_0.1.0.7z',
};
const PAGE = 'https://bpa.example.gov.cn/addin/wps/publish.html?x=1#top';

describe('the install page’s commands', () => {
  it('names the page’s folder online and the .7z beside it offline', () => {
    expect(folderOf(PAGE)).toBe('https://bpa.example.gov.cn/addin/wps/');
    expect(entryFor('online', PAGE, CONFIG)).toEqual({
      name: 'budget-performance',
      addonType: 'et',
      online: 'true',
      url: 'https://bpa.example.gov.cn/addin/wps/',
      version: '0.1.0',
    });
    expect(entryFor('offline', PAGE, CONFIG)).toMatchObject({
      online: 'false',
      url: 'https://bpa.example.gov.cn/addin/wps/offline/budget-performance_0.1.0.7z',
    });
    expect(() => entryFor('offline', PAGE, { ...CONFIG, offlinePackage: '' })).toThrow();
  });

  it('encodes the command as base64 of UTF-8 JSON, Chinese included', () => {
    const entry = { ...entryFor('online', PAGE, CONFIG), url: 'https://绩效.example/wps/' };
    const body = encodeCommand('enable', entry, 1700000000000);
    expect(body).toMatch(/^[A-Za-z0-9+/]+=*$/);
    expect(JSON.parse(Buffer.from(body, 'base64').toString('utf8'))).toEqual({
      cmd: 'enable',
      ...entry,
      time: 1700000000000,
    });
  });

  it('reads a /publishlist answer, and nothing from an answer that is not a list', () => {
    expect(
      parsePublishList(
        '[{"name":"budget-performance","addonType":"et","online":"true","url":"u/","enable":true},3]',
      ),
    ).toEqual([{ name: 'budget-performance', addonType: 'et', online: 'true', url: 'u/', enable: 'true' }]);
    expect(parsePublishList('OK')).toEqual([]);
    expect(parsePublishList('{"name":"x"}')).toEqual([]);
  });

  it('writes the publish.xml line with its attributes escaped', () => {
    expect(publishXmlLine(entryFor('offline', PAGE, CONFIG))).toBe(
      '<jsplugin name="budget-performance" type="et" url="https://bpa.example.gov.cn/addin/wps/offline/budget-performance_0.1.0.7z" version="0.1.0" enable="enable" install="null"/>',
    );
    expect(publishXmlLine({ ...entryFor('online', PAGE, CONFIG), url: 'https://h/a?b="1"&c' })).toContain(
      'url="https://h/a?b=&quot;1&quot;&amp;c"',
    );
  });
});
