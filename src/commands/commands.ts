// Ribbon function file. The ribbon buttons of this first version open the task pane (ShowTaskpane actions
// in manifest.xml); function commands arrive with the Excel host adapter.
export {};
