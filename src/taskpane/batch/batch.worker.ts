/**
 * The batch worker: checks received workbooks off the pane's thread with the same step as `bpa check`
 * (checkReceivedBytes) and the same reader and limits (the received-file reader, inflating with the
 * browser's DecompressionStream), and reads goal declarations as `bpa check --goals` does
 * (readGoalFormsFromBytes). The bytes come from the pane and go nowhere else.
 */
import { checkReceivedBytes, readGoalFormsFromBytes } from '../../app/check-received';
import { openReceivedInBrowser } from '../../hosts/xlsx-file/open-received-browser';
import type { BatchRequest, BatchResponse } from './batch-protocol';

const scope = self as unknown as {
  onmessage: ((event: MessageEvent<BatchRequest>) => void) | null;
  postMessage: (message: BatchResponse) => void;
};

const open = (data: Uint8Array) => openReceivedInBrowser(data);

scope.onmessage = (event) => {
  const request = event.data;
  if (request.kind === 'goals') {
    void readGoalFormsFromBytes(new Uint8Array(request.bytes), { profile: null, framework: null }, open).then(
      (forms) => scope.postMessage({ kind: 'goals', id: request.id, forms }),
    );
    return;
  }
  const { id, name, bytes, lang, goals } = request;
  void checkReceivedBytes(
    name,
    new Uint8Array(bytes),
    { lang, profile: null, framework: null, goals },
    open,
  ).then((result) => scope.postMessage({ kind: 'check', id, result }));
};
