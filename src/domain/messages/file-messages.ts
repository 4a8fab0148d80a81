/** What a reviewer reads when a received file cannot be opened: what is wrong, then what the sender should do. */
import type { Lang, MessageText } from './issue-messages';

const m = (zh: string, en: string): MessageText => ({ 'zh-CN': zh, en });

export const UNREADABLE_MESSAGES: Readonly<Record<string, MessageText>> = {
  empty_file: m(
    '文件为空（0 字节），请重新导出后提交',
    'The file is empty (0 bytes); export it again and resubmit.',
  ),
  file_too_large: m(
    '文件过大，超出可读取的上限；请删除无关工作表或图片后重新提交',
    'The file is larger than the limit; remove unrelated sheets or pictures and resubmit.',
  ),
  not_xlsx: m(
    '不是 Excel 工作簿（.xlsx）；请在 Excel 或 WPS 中打开后另存为 .xlsx 再提交',
    'This is not an Excel workbook (.xlsx); open it in Excel or WPS, save it as .xlsx and resubmit.',
  ),
  xls_format: m(
    '这是旧版 Excel 97-2003（.xls）文件；请在 Excel 或 WPS 中另存为 .xlsx 后重新提交',
    'This is a legacy Excel 97-2003 (.xls) file; save it as .xlsx in Excel or WPS and resubmit.',
  ),
  csv_or_text: m(
    '这是文本或 CSV 文件，不是 Excel 工作簿；请在 Excel 或 WPS 中打开后另存为 .xlsx 再提交',
    'This is a text or CSV file, not a workbook; open it in Excel or WPS, save it as .xlsx and resubmit.',
  ),
  html: m(
    '这是网页（HTML）文件，只是扩展名为 Excel；请在 Excel 或 WPS 中打开后另存为 .xlsx 再提交',
    'This is a web page (HTML) with an Excel file name; open it in Excel or WPS, save it as .xlsx and resubmit.',
  ),
  encrypted: m(
    '文件已加密，请去除密码后重新提交',
    'The file is password-encrypted; remove the password and resubmit.',
  ),
  truncated: m(
    '文件不完整（可能下载或传输中断），请重新下载或让报送单位重新发送',
    'The file is incomplete (the download or transfer was cut short); download it again or ask the sender to resend it.',
  ),
  corrupt: m(
    '文件已损坏，无法读取；请在 Excel 或 WPS 中打开修复并另存为 .xlsx 后重新提交',
    'The file is damaged and cannot be read; repair it in Excel or WPS, save it as .xlsx and resubmit.',
  ),
  zip_bomb: m(
    '文件解压后异常巨大，已拒绝读取；请报送单位核实文件来源后重新导出',
    'The file expands to an abnormal size and was refused; ask the sender to check where it came from and export it again.',
  ),
  too_many_cells: m(
    '工作表的行列范围过大，超出可读取的上限；请删除多余的空行空列后重新提交',
    'A sheet spans more rows or columns than the limit; delete the surplus empty rows and columns and resubmit.',
  ),
  no_sheets: m(
    '工作簿中没有工作表；请确认提交了正确的文件',
    'The workbook has no sheets; check that the right file was submitted.',
  ),
  too_large: m(
    '文件内容过多（文本、单元格或所需内存超出上限），已拒绝读取；请删除无关工作表或内容后重新提交',
    'The file holds too much (text, cells or the memory it needs pass the limit) and was refused; remove unrelated sheets or content and resubmit.',
  ),
  not_regular_file: m(
    '这不是普通文件（可能是管道、设备或套接字），未读取',
    'This is not a regular file (a pipe, device or socket) and was not read.',
  ),
  folder_unreadable: m(
    '无法读取该文件夹（没有权限或已不存在），其中的文件未检查',
    'The folder cannot be read (no permission, or it is gone); the files in it were not checked.',
  ),
  broken_link: m(
    '这是一个快捷方式（符号链接），但它指向的文件不存在',
    'This is a symbolic link whose target does not exist.',
  ),
  worker_failed: m(
    '检查程序无法启动，该文件未检查；请重新安装或联系技术支持',
    'The checker could not start, so the file was not checked; reinstall or contact support.',
  ),
  timeout: m(
    '读取文件超时，文件可能过于复杂；请删除多余的格式、数据有效性或条件格式后重新提交',
    'Reading the file timed out, it may be too complex; remove surplus formatting, data validation or conditional formats and resubmit.',
  ),
};

const UNKNOWN_UNREADABLE = m(
  '无法读取该文件；请在 Excel 或 WPS 中另存为 .xlsx 后重新提交',
  'The file cannot be read; save it as .xlsx in Excel or WPS and resubmit.',
);

export function unreadableMessage(code: string, lang: Lang): string {
  const text = Object.hasOwn(UNREADABLE_MESSAGES, code) ? UNREADABLE_MESSAGES[code] : undefined;
  return (text ?? UNKNOWN_UNREADABLE)[lang];
}
