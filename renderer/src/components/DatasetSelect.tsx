import type { DatasetInfo } from '../../../shared/contract/data';
import { int } from '../lib/format';
import { datasetKey } from '../stores/datasets';

/** The dataset picker of the Backtest and Optimize forms: symbol, stored timeframe and size. */
export function DatasetSelect(props: { datasets: readonly DatasetInfo[]; value: DatasetInfo | null; onChange: (key: string) => void; testId: string }) {
  return (
    <select className="input" value={props.value ? datasetKey(props.value) : ''} onChange={(e) => props.onChange(e.target.value)} data-testid={props.testId}>
      {props.datasets.map((d) => (
        <option key={datasetKey(d)} value={datasetKey(d)}>
          {d.symbol} · {d.timeframe} · {int(d.rows)} candles
        </option>
      ))}
    </select>
  );
}
