// The table of a console page that lists credentials (a directory's API clients, the API keys): the
// columns that tell them apart, then Created, Last used, Status and, for an admin who may manage
// them, the actions of each credential still in use.
import { RelativeTime } from "@/components/relative-time";
import { ActiveBadge, Badge } from "@/components/ui/badge";
import { Muted, Table, Td, Th, Truncate } from "@/components/ui/table";

export interface Credential {
  id: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

export interface CredentialColumn<T> {
  header: string;
  /** A Tailwind width class; the one column without it takes the remaining space. */
  className?: string;
  cell: (credential: T) => React.ReactNode;
}

export interface CredentialTableProps<T extends Credential> {
  caption: string;
  /** A Tailwind min-w-[…] class (see Table). */
  minWidth: string;
  /** data-testid of each row. */
  rowTestId: string;
  credentials: T[];
  /** The columns before Created. */
  columns: CredentialColumn<T>[];
  /** Who created it, shown under the time. */
  createdBy?: (credential: T) => string;
  /** The actions of a credential not revoked; absent for an admin who may not manage them. */
  actions?: { className: string; cell: (credential: T) => React.ReactNode };
}

export function CredentialTable<T extends Credential>({ caption, minWidth, rowTestId, credentials, columns, createdBy, actions }: CredentialTableProps<T>) {
  return (
    <Table caption={caption} minWidth={minWidth}>
      <thead>
        <tr>
          {columns.map((c) => (
            <Th key={c.header} className={c.className}>
              {c.header}
            </Th>
          ))}
          <Th className="w-40">Created</Th>
          <Th className="w-32">Last used</Th>
          <Th className="w-28">Status</Th>
          {actions ? (
            <Th className={actions.className} srOnly>
              Actions
            </Th>
          ) : null}
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-100">
        {credentials.map((credential) => {
          const by = createdBy?.(credential);
          return (
            <tr key={credential.id} data-testid={rowTestId}>
              {columns.map((c) => (
                <Td key={c.header}>{c.cell(credential)}</Td>
              ))}
              <Td>
                <RelativeTime date={credential.createdAt} />
                {createdBy ? by ? <Truncate className="text-xs text-slate-600">by {by}</Truncate> : <Muted /> : null}
              </Td>
              <Td>
                <RelativeTime date={credential.lastUsedAt} fallback="Never" />
              </Td>
              <Td>
                {credential.revokedAt ? (
                  <span className="inline-flex flex-col gap-0.5">
                    <Badge tone="red">Revoked</Badge>
                    <span className="text-xs text-slate-500">
                      <RelativeTime date={credential.revokedAt} />
                    </span>
                  </span>
                ) : (
                  <ActiveBadge active />
                )}
              </Td>
              {actions ? <Td className="text-right">{credential.revokedAt ? null : actions.cell(credential)}</Td> : null}
            </tr>
          );
        })}
      </tbody>
    </Table>
  );
}
