/**
 * The batch worker: checks received workbooks off the pane's thread with the same step as `bpa check`
 * (checkReceivedBytes) and the same reader and limits (the received-file reader, inflating with the
 * browser's DecompressionStream). The bytes come from the pane and go nowhere else.
 */
import { checkReceivedBytes } from '../../app/check-received';
import { openReceivedInBrowser } from '../../hosts/xlsx-file/open-received-browser';
import type { CheckRequest, CheckResponse } from './batch-protocol';

const scope = self as unknown as {
  onmessage: ((event: MessageEvent<CheckRequest>) => void) | null;
  postMessage: (message: CheckResponse) => void;
};

scope.onmessage = (event) => {
  const { id, name, bytes, lang } = event.data;
  void checkReceivedBytes(
    name,
    new Uint8Array(bytes),
    { lang, profile: null, framework: null, goals: [] },
    (data) => openReceivedInBrowser(data),
  ).then((result) => scope.postMessage({ id, result }));
};
