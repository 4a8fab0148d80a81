// The one Content-Security-Policy of every page the add-ins serve (Excel pane, workbench, WPS pages):
// scripts, connections, fonts and images only from the add-in's own origin, no eval. Fluent UI inserts its
// styles at run time (style elements and attributes), which style-src allows only with 'unsafe-inline'; no
// script can be injected through it.
module.exports = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'none'",
].join('; ');
