/**
 * Office.js failures turned into HostError (docs/architecture.md §4, channel 3). Office rejects a batch with an
 * `OfficeExtension.Error` whose `code` names the cause; the UI shows catalog text for our code, never
 * Office's message, which may be in a language the user did not choose.
 */
import { HostError, type HostErrorCode } from '../../app/workbook-port';

/** Office error codes (OfficeExtension.ErrorCodes / Excel.ErrorCodes) and what each means for the port. */
const OFFICE_CODES: Readonly<Record<string, { code: HostErrorCode; text: string }>> = {
  ItemAlreadyExists: { code: 'sheet_exists', text: '工作表或名称已存在 / the sheet or name already exists' },
  ItemNotFound: { code: 'sheet_not_found', text: '找不到工作表或名称 / no such sheet or name' },
  InvalidArgument: { code: 'invalid_range', text: '区域或参数不合法 / invalid range or argument' },
  InvalidReference: { code: 'invalid_range', text: '引用不合法 / invalid reference' },
  InvalidOperation: {
    code: 'unsupported',
    text: '当前状态下不能执行此操作 / the operation is not possible now',
  },
  AccessDenied: {
    code: 'protected',
    text: '工作表受保护或只读，无法修改 / the sheet is protected or read-only',
  },
  InsertDeleteConflict: {
    code: 'protected',
    text: '与表格或合并单元格冲突 / conflicts with a table or merge',
  },
  ActivityLimitReached: {
    code: 'host_busy',
    text: '一次请求的数据过多，请缩小范围后重试 / too much in one request, try a smaller range',
  },
  RequestPayloadSizeLimitExceeded: {
    code: 'host_busy',
    text: '请求超过 Excel 网页版 5 MB 限制 / the request exceeds Excel on the web’s 5 MB limit',
  },
  ResponsePayloadSizeLimitExceeded: {
    code: 'host_busy',
    text: '读取的数据超过 5 MB 限制 / the response exceeds the 5 MB limit',
  },
  Conflict: { code: 'host_busy', text: '工作簿正被他人修改，请重试 / the workbook is being changed, retry' },
  ServiceNotAvailable: { code: 'host_busy', text: 'Excel 暂时不可用，请重试 / Excel is busy, retry' },
  RequestAborted: { code: 'host_busy', text: '请求被中断，请重试 / the request was aborted, retry' },
  EditModeCellEditing: { code: 'host_busy', text: '请先结束单元格编辑 / finish editing the cell first' },
  ApiNotFound: { code: 'unsupported', text: '此版本 Excel 不支持该功能 / this Excel lacks the API' },
  NotImplemented: { code: 'unsupported', text: '此版本 Excel 不支持该功能 / not implemented in this Excel' },
  UnsupportedOperation: { code: 'unsupported', text: '不支持的操作 / unsupported operation' },
  UnsupportedSheet: { code: 'unsupported', text: '不支持此类工作表 / unsupported sheet type' },
  GeneralException: { code: 'unknown', text: 'Excel 内部错误 / Excel reported a general error' },
};

/** The `code` of an OfficeExtension.Error, or null for anything else. */
export function officeErrorCode(error: unknown): string | null {
  if (typeof error !== 'object' || error === null || !('code' in error)) return null;
  const code = (error as { code: unknown }).code;
  return typeof code === 'string' ? code : null;
}

/** The HostError for a failure of a batch; a HostError raised by our own checks passes through unchanged. */
export function toHostError(error: unknown, context: string): HostError {
  if (error instanceof HostError) return error;
  const officeCode = officeErrorCode(error);
  const known = officeCode === null ? undefined : OFFICE_CODES[officeCode];
  if (known !== undefined) return new HostError(known.code, `${known.text} (${officeCode}: ${context})`);
  const name = officeCode ?? (error instanceof Error ? error.name : typeof error);
  return new HostError('unknown', `Excel 操作失败 / Excel operation failed (${name}: ${context})`);
}
