// With the shared runtime (manifest.xml <Runtimes>), the ribbon's function file is the pane's own page:
// src/taskpane/main.tsx registers the commands of ./ribbon-actions.ts. The manifest no longer names this
// page, so the build may drop it.
export {};
