import type { ReactNode } from 'react';

export interface Column<Row> {
  header: ReactNode;
  cell: (row: Row) => ReactNode;
  /** e.g. "num" for right-aligned figures. */
  className?: string;
}

/** The default way to show a list: a dense, semantic table, scrolled sideways on a narrow screen rather than widening the page. */
export function DataTable<Row>({ caption, columns, rows, rowKey, empty, className }: { caption: ReactNode; columns: Column<Row>[]; rows: readonly Row[]; rowKey: (row: Row) => string; empty: ReactNode; className?: string }) {
  return (
    <div className="table-scroll">
      <table className={className ? `data ${className}` : 'data'}>
        <caption>{caption}</caption>
        <thead>
          <tr>
            {columns.map((c, i) => (
              <th key={i} scope="col" className={c.className}>
                {c.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.length === 0 ? (
            <tr>
              <td colSpan={columns.length} className="empty">
                {empty}
              </td>
            </tr>
          ) : (
            rows.map((row) => (
              <tr key={rowKey(row)}>
                {columns.map((c, i) => (
                  <td key={i} className={c.className}>
                    {c.cell(row)}
                  </td>
                ))}
              </tr>
            ))
          )}
        </tbody>
      </table>
    </div>
  );
}
