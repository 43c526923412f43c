// The "Record" card of a user's or a group's page: what Roster keeps about the row itself.
import { DateTime } from "@/components/relative-time";
import { Card } from "@/components/ui/card";

export function RecordCard({ record }: { record: { id: string; createdAt: Date; updatedAt: Date; version: number } }) {
  return (
    <Card title="Record">
      <dl className="space-y-2 text-sm">
        <div>
          <dt className="text-slate-600">id</dt>
          <dd className="break-all font-mono text-[12px]">{record.id}</dd>
        </div>
        <div>
          <dt className="text-slate-600">Created</dt>
          <dd>
            <DateTime date={record.createdAt} />
          </dd>
        </div>
        <div>
          <dt className="text-slate-600">Last updated</dt>
          <dd>
            <DateTime date={record.updatedAt} />
          </dd>
        </div>
        <div>
          <dt className="text-slate-600">Version (ETag)</dt>
          <dd className="font-mono text-[12px]">W/&quot;{record.version}&quot;</dd>
        </div>
      </dl>
    </Card>
  );
}
