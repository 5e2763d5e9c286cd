import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DataDirInUseError, openDatabase } from './client.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'lifeline-lock-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('embedded PGlite data directory', () => {
  it('refuses a second opener while the first holds it, and frees it on close', async () => {
    const first = await openDatabase({ pgliteDir: dir });
    await expect(openDatabase({ pgliteDir: dir })).rejects.toBeInstanceOf(DataDirInUseError);
    await first.close();
    const again = await openDatabase({ pgliteDir: dir });
    await again.close();
  }, 60_000);
});
