import { DirectoryTabs } from "@/components/directory-tabs";
import { ActiveBadge, Badge } from "@/components/ui/badge";
import { PageHeader } from "@/components/ui/page-header";
import { getDirectoryCounts } from "@/lib/admin/queries/directory-counts";
import { loadDirectoryPage } from "@/lib/admin/queries/load-directory-page";
import { HealthBadge } from "@/components/health-badge";
import { listHealthStates } from "@/lib/sync-health/list-health-states";

export default async function DirectoryLayout({ children, params }: { children: React.ReactNode; params: Promise<{ directoryId: string }> }) {
  const { directory } = await loadDirectoryPage(params);
  const [counts, health] = await Promise.all([getDirectoryCounts(directory.id), listHealthStates({ directoryIds: [directory.id] })]);
  const state = health.get(directory.id)!;
  return (
    <>
      <PageHeader
        breadcrumbs={[{ label: "User directories", href: "/admin/directories" }, { label: directory.name }]}
        title={<span title={directory.name}>{directory.name}</span>}
        meta={
          <>
            <Badge tone="gray" className="uppercase">
              {directory.type}
            </Badge>
            <ActiveBadge active={directory.active} />
            <HealthBadge state={state.state} reason={state.reason} />
          </>
        }
      />
      <DirectoryTabs directoryId={directory.id} counts={counts} />
      <div className="pt-6">{children}</div>
    </>
  );
}
