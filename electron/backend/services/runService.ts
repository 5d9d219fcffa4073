import { writeExportFiles } from '../runs/export';
import type { Handlers } from '../router';
import type { RunManager } from '../runs/manager';

type RunHandlers = Pick<
  Handlers,
  'startRun' | 'pauseRun' | 'resumeRun' | 'stopRun' | 'listRuns' | 'getRun' | 'getGeneration' | 'getIndividual' | 'exportRun'
>;

/** The optimizer's procedures, bound to the run manager (created on first use with the store). */
export function runHandlers(manager: () => RunManager): RunHandlers {
  return {
    startRun: (input) => manager().start(input),
    pauseRun: ({ id }) => manager().pause(id),
    resumeRun: ({ id }) => manager().resume(id),
    stopRun: ({ id }) => manager().stop(id),
    listRuns: () => manager().list(),
    getRun: ({ id }) => manager().get(id),
    getGeneration: ({ id, generation }) => manager().generation(id, generation),
    getIndividual: ({ id, generation, index }) => manager().individual(id, generation, index),
    exportRun: ({ id, generation, top, dir }) => {
      const files = manager().exportFiles(id, { ...(generation !== undefined ? { generation } : {}), ...(top !== undefined ? { top } : {}) });
      return { files, dir: dir === undefined ? null : writeExportFiles(files, dir) };
    },
  };
}
