import { useEffect, useImperativeHandle, useRef, useState, type Ref } from 'react';
import type { ExampleConfig } from '../../../shared/contract/examples';
import { getApi } from '../api/client';
import { readRecent, rememberConfig, type RecentConfig } from '../lib/recentConfigs';

export interface ConfigPickerHandle {
  /** Opens the file chooser (the desktop menu's "Open config…"). */
  openFile(): void;
}

let examplesOnce: Promise<ExampleConfig[]> | null = null;
function loadExamples(): Promise<ExampleConfig[]> {
  examplesOnce ??= getApi()
    .listExamples({})
    .catch(() => []);
  return examplesOnce;
}

/**
 * Where a config comes from: the bundled examples, the configs opened lately in this profile, or a
 * file. `onLoad` parses and reports success; only configs that loaded are remembered. On first
 * mount with nothing loaded it opens the last config used, else the first example for `purpose`,
 * so a new user lands on something runnable against the sample data.
 */
export function ConfigPicker({
  purpose,
  source,
  hasConfig,
  onLoad,
  fileTestId,
  selectTestId,
  openLabel = 'Open file…',
  ref,
}: {
  purpose: 'backtest' | 'optimize';
  source: string;
  hasConfig: boolean;
  onLoad(text: string, name: string): boolean;
  fileTestId: string;
  selectTestId?: string;
  openLabel?: string;
  ref?: Ref<ConfigPickerHandle>;
}) {
  const fileInput = useRef<HTMLInputElement>(null);
  const [recent, setRecent] = useState<RecentConfig[]>(readRecent);
  const [examples, setExamples] = useState<ExampleConfig[]>([]);
  useImperativeHandle(ref, () => ({ openFile: () => fileInput.current?.click() }), []);

  const open = (text: string, name: string, remember: boolean) => {
    if (onLoad(text, name) && remember) setRecent(rememberConfig(name, text));
  };

  useEffect(() => {
    let live = true;
    void loadExamples().then((list) => {
      if (!live) return;
      setExamples(list);
      if (hasConfig) return;
      const last = readRecent()[0];
      const first = list.find((e) => e.purpose === purpose) ?? list[0];
      if (last) open(last.text, last.name, false);
      else if (first) open(first.text, first.file, false);
    });
    return () => {
      live = false;
    };
    // Once per mount: later changes come from the user.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  // Examples for this purpose first: an optimizer config is what the Optimize screen wants.
  const ordered = [...examples].sort((a, b) => Number(b.purpose === purpose) - Number(a.purpose === purpose));
  const value = examples.some((e) => e.file === source)
    ? `example:${source}`
    : recent.some((r) => r.name === source)
      ? `recent:${source}`
      : '';

  return (
    <div className="row" style={{ flexWrap: 'nowrap', flex: 1, minWidth: 0 }}>
      <select
        className="input"
        style={{ flex: 1, minWidth: 0 }}
        value={value}
        data-testid={selectTestId}
        onChange={(e) => {
          const [kind, ...rest] = e.target.value.split(':');
          const key = rest.join(':');
          if (kind === 'example') {
            const ex = examples.find((x) => x.file === key);
            if (ex) open(ex.text, ex.file, false);
          } else {
            const r = recent.find((x) => x.name === key);
            if (r) open(r.text, r.name, true);
          }
        }}
      >
        <option value="" disabled>
          Choose a config…
        </option>
        {ordered.length > 0 && (
          <optgroup label="Examples (run on the sample data)">
            {ordered.map((e) => (
              <option key={e.file} value={`example:${e.file}`} title={e.description}>
                {e.file}
                {e.purpose === 'optimize' ? ' · optimizer' : ''}
              </option>
            ))}
          </optgroup>
        )}
        {recent.length > 0 && (
          <optgroup label="Recently opened">
            {recent.map((r) => (
              <option key={r.name} value={`recent:${r.name}`}>
                {r.name}
              </option>
            ))}
          </optgroup>
        )}
      </select>
      <button className="btn" onClick={() => fileInput.current?.click()}>
        {openLabel}
      </button>
      <input
        ref={fileInput}
        type="file"
        accept=".json,application/json"
        style={{ display: 'none' }}
        data-testid={fileTestId}
        onChange={(e) => {
          const f = e.target.files?.[0];
          if (f) void f.text().then((t) => open(t, f.name, true));
          e.target.value = '';
        }}
      />
    </div>
  );
}
