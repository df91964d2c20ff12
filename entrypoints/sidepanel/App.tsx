/**
 * The side panel's shell: loads the board, re-reads it when the background says something
 * changed, and routes between views by the URL hash.
 */
import { useCallback, useEffect, useState } from 'preact/hooks';
import { Board } from '../../components/Board';
import { type BoardData, loadBoard, onChange, send } from './data';

export function App() {
  const [board, setBoard] = useState<BoardData>();
  const [error, setError] = useState<string>();
  const [now, setNow] = useState(() => Date.now());

  const reload = useCallback(() => {
    loadBoard()
      .then((b) => {
        setBoard(b);
        setNow(Date.now());
      })
      .catch((e: unknown) => setError(e instanceof Error ? e.message : String(e)));
  }, []);

  useEffect(() => {
    reload();
    const off = onChange(reload);
    return off;
  }, [reload]);

  if (error) return <p role="alert" class="error">{error}</p>;
  if (!board) return <p class="loading">Loading your pipeline…</p>;
  return (
    <main>
      <Board
        stages={board.settings.stages}
        deals={board.deals}
        now={now}
        onMove={(deal, stage, lostReason) => send({ type: 'deal.move', id: deal.id, rev: deal.rev, stage, lostReason })}
      />
    </main>
  );
}
