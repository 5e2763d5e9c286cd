/// <reference lib="webworker" />
import { solvePow } from './ReportPow.ts';

/**
 * Web Worker of the report form: solves the server's proof-of-work challenge off the main
 * thread. In: `{ salt, bits }`; out: `{ nonce }` (decimal string).
 */
const scope = self as unknown as DedicatedWorkerGlobalScope;
scope.onmessage = (e: MessageEvent<{ salt: string; bits: number }>) => {
  scope.postMessage({ nonce: solvePow(e.data.salt, e.data.bits) });
};
