import { useState } from 'react';
import type { StrategyConfig } from '../../../shared/config/types';
import { parseConfigFile } from '../../../shared/config/parse';
import { MlfError } from '../../../shared/contract/errors';

/**
 * The config a Backtest or Optimize form works on, where it came from, and the form's error.
 * `load` validates as `mlf backtest` does (plain monitor configs load too: objectives and ranges
 * can be added in the Optimize form) and reports problems with their JSON paths.
 */
export function useConfigFile() {
  const [config, setConfig] = useState<StrategyConfig | null>(null);
  const [source, setSource] = useState('');
  const [error, setError] = useState<MlfError | null>(null);
  const load = (text: string, name: string): boolean => {
    try {
      setConfig(parseConfigFile(text, name, { purpose: 'backtest' }));
      setSource(name);
      setError(null);
      return true;
    } catch (e) {
      setError(e instanceof MlfError ? e : new MlfError('BAD_INPUT', (e as Error).message));
      return false;
    }
  };
  return { config, setConfig, source, error, setError, load };
}
