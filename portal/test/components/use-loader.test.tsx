import { describe, expect, it } from 'vitest';
import { act, render, screen } from '@testing-library/react';
import { useLoader } from '@confer/ui';

type Pending = { key: string; resolve: (value: string) => void; reject: (error: Error) => void; signal: AbortSignal };

/** Shows what a screen built on useLoader would show, and exposes reload. */
function Probe({ id, runs, onReload }: { id: string; runs: Pending[]; onReload: (reload: () => void) => void }) {
  const loader = useLoader(
    (signal) => new Promise<string>((resolve, reject) => runs.push({ key: id, resolve, reject, signal })),
    [id],
  );
  onReload(loader.reload);
  return (
    <p data-testid="probe">
      {loader.state.status}:{loader.data ?? '-'}:{loader.loading ? 'busy' : 'idle'}
      {loader.error instanceof Error ? `:${loader.error.message}` : ''}
    </p>
  );
}

function setup() {
  const runs: Pending[] = [];
  let reload = () => {};
  const view = (id: string) => <Probe id={id} runs={runs} onReload={(r) => (reload = r)} />;
  const { rerender } = render(view('a'));
  return { runs, reload: () => act(() => reload()), show: (id: string) => rerender(view(id)) };
}

const shown = () => screen.getByTestId('probe').textContent;

describe('useLoader (shared by both apps)', () => {
  it('when a reload runs, then the data already shown stays until the new answer replaces it', async () => {
    const { runs, reload } = setup();
    expect(shown()).toBe('loading:-:busy');
    await act(async () => runs[0]?.resolve('first'));
    expect(shown()).toBe('ready:first:idle');
    reload();
    expect(shown()).toBe('ready:first:busy');
    await act(async () => runs[1]?.resolve('second'));
    expect(shown()).toBe('ready:second:idle');
  });

  it('when the deps change, then the old data is not shown and the old run is aborted and ignored', async () => {
    const { runs, show } = setup();
    await act(async () => runs[0]?.resolve('of a'));
    show('b');
    expect(shown()).toBe('loading:-:busy');
    show('c');
    expect(runs[1]?.signal.aborted).toBe(true);
    await act(async () => runs[1]?.resolve('of b, late'));
    expect(shown()).toBe('loading:-:busy');
    await act(async () => runs[2]?.resolve('of c'));
    expect(shown()).toBe('ready:of c:idle');
  });

  it('when a load fails, then the error is shown, and Try again (reload) clears it while loading', async () => {
    const { runs, reload } = setup();
    await act(async () => runs[0]?.reject(new Error('offline')));
    expect(shown()).toBe('error:-:idle:offline');
    reload();
    expect(shown()).toBe('loading:-:busy');
    await act(async () => runs[1]?.resolve('back'));
    expect(shown()).toBe('ready:back:idle');
  });
});
