// A batch's part files are shared with the local executor (which spills them when a run step needs
// every batch first): they live in src/pipeline/output/batch-files.ts.
export { PARTS_DIR, partPath, readPart, removePartFiles, sidecarPath, writePart } from '../../pipeline/output/batch-files.js';
