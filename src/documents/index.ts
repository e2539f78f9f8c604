export * from './types.js';
export { InputError, type InputErrorCode } from './input-error.js';
export { STDIN_PATH, detectFormat, type InputFile, type InputFormat } from './input-format.js';
export { resolveInputs, type ResolveOptions } from './resolve-inputs.js';
export { readInputs } from './read-inputs.js';
export { derivedId, lineToItem, valueToItem, checkText, recordId } from './record-to-document.js';
export { truncateUtf8 } from './raw-text.js';
