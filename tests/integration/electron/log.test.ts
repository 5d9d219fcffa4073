import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createFileLog } from '../../../electron/main/log';
import { tempDir } from '../../helpers/tmp';

let tmp: ReturnType<typeof tempDir>;
beforeEach(() => {
  tmp = tempDir('mlf-log-');
});
afterEach(() => tmp.cleanup());

describe('main process log', () => {
  it('echoes to the terminal and appends time-stamped lines to logs/main.log', () => {
    const file = join(tmp.dir, 'logs', 'main.log');
    const echoed: string[] = [];
    const log = createFileLog(file, (l) => echoed.push(l));
    log('started');
    log('worker 2 crashed');
    expect(echoed).toEqual(['[mlf] started', '[mlf] worker 2 crashed']);
    const lines = readFileSync(file, 'utf8').trim().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[1]).toMatch(/^\d{4}-\d\d-\d\dT[\d:.]+Z worker 2 crashed$/);
  });

  it('keeps one previous file once the log passes 1 MB', () => {
    const file = join(tmp.dir, 'main.log');
    writeFileSync(file, 'x'.repeat(1024 * 1024 + 1));
    createFileLog(file, () => {})('fresh');
    expect(readFileSync(`${file}.1`, 'utf8')).toHaveLength(1024 * 1024 + 1);
    expect(readFileSync(file, 'utf8')).toMatch(/ fresh\n$/);
  });

  it('still echoes when the folder cannot be written', () => {
    const blocker = join(tmp.dir, 'not-a-folder');
    writeFileSync(blocker, '');
    const echoed: string[] = [];
    createFileLog(join(blocker, 'logs', 'main.log'), (l) => echoed.push(l))('hello');
    expect(echoed).toEqual(['[mlf] hello']);
    expect(existsSync(join(blocker, 'logs'))).toBe(false);
  });
});
