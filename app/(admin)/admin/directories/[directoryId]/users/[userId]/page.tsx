import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { JsonBlock } from "@/components/json-block";
import { RecordCard } from "@/components/record-card";
import { RelativeTime } from "@/components/relative-time";
import { ResourceTimeline } from "@/components/resource-timeline";
import { ScimValue } from "@/components/scim-value";
import { Alert } from "@/components/ui/alert";
import { ActiveBadge, Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { DescriptionItem, DescriptionList } from "@/components/ui/description-list";
import { Breadcrumbs } from "@/components/ui/page-header";
import { getDirectoryUser } from "@/lib/admin/queries/get-directory-user";
import { loadDirectoryPage } from "@/lib/admin/queries/load-directory-page";
import { listProfileFields } from "@/lib/admin/directories/list-profile-fields";
import { getPublicOrigin } from "@/lib/admin/public-origin";
import { connectionEndpoints } from "@/lib/http/public-origin";
import { getResourceTimeline } from "@/lib/admin/queries/timeline";
import { SCHEMA_ENTERPRISE_USER, SCHEMA_USER } from "@/lib/scim/schema";

export const metadata: Metadata = { title: "User" };
export const dynamic = "force-dynamic";

const CORE_SINGLE = ["displayName", "nickName", "title", "userType", "preferredLanguage", "locale", "timezone", "profileUrl"] as const;
const NAME_PARTS = ["formatted", "honorificPrefix", "givenName", "middleName", "familyName", "honorificSuffix"] as const;
const CONTACT = ["emails", "phoneNumbers", "addresses", "ims", "photos"] as const;
const ACCESS = ["roles", "entitlements", "x509Certificates"] as const;
const ENTERPRISE = ["employeeNumber", "costCenter", "organization", "division", "department", "manager"] as const;
// Rendered in their own sections, or not at all (schemas is protocol plumbing).
const KNOWN = new Set<string>(["schemas", "userName", "externalId", "active", "name", "groups", "id", "meta", ...CORE_SINGLE, ...CONTACT, ...ACCESS, SCHEMA_ENTERPRISE_USER]);

function present(v: unknown) {
  return v !== undefined && v !== null && v !== "" && !(Array.isArray(v) && v.length === 0);
}

export default async function UserDetailPage({ params }: { params: Promise<{ directoryId: string; userId: string }> }) {
  const { directory } = await loadDirectoryPage(params);
  const { userId } = await params;
  const origin = await getPublicOrigin();
  const user = await getDirectoryUser({ directoryId: directory.id, userId, scimBaseUrl: connectionEndpoints(origin).tenantUrl });
  if (!user) notFound();
  const [timeline, expectedFields] = await Promise.all([getResourceTimeline({ directoryId: directory.id, resourceId: user.id }), listProfileFields({ directoryId: directory.id })]);

  const r = user.resource;
  const name = (r.name && typeof r.name === "object" ? r.name : {}) as Record<string, unknown>;
  const enterprise = (r[SCHEMA_ENTERPRISE_USER] && typeof r[SCHEMA_ENTERPRISE_USER] === "object" ? r[SCHEMA_ENTERPRISE_USER] : {}) as Record<string, unknown>;
  const otherKeys = Object.keys(r).filter((k) => !KNOWN.has(k) && k !== SCHEMA_USER);
  const expectedNames = new Set(expectedFields.map((f) => f.name));
  const unexpectedFields = Object.keys(user.profileFields).filter((k) => !expectedNames.has(k));
  const base = `/admin/directories/${directory.id}`;
  const title = user.displayName || [user.givenName, user.familyName].filter(Boolean).join(" ") || user.userName;

  return (
    <div className="space-y-6">
      <div>
        <Breadcrumbs items={[{ label: "Users", href: `${base}/users` }, { label: user.userName }]} />
        <div className="mt-3 flex flex-wrap items-center gap-3">
          <h2 className="min-w-0 truncate text-xl font-semibold text-slate-900" title={title}>
            {title}
          </h2>
          <ActiveBadge active={user.active} />
          {user.deletedAt ? <Badge tone="red">Deleted (retained)</Badge> : null}
        </div>
        <p className="mt-1 truncate font-mono text-sm text-slate-600" title={user.userName}>
          {user.userName}
        </p>
      </div>

      {user.deletedAt ? (
        <Alert tone="warning" title="Deleted by the identity provider">
          Entra ID deleted this user <RelativeTime date={user.deletedAt} />. The directory retains deleted users (deprovision policy “retain”), so the record is kept here
          but hidden from SCIM.
        </Alert>
      ) : null}

      <div className="grid gap-6 lg:grid-cols-3">
        <div className="min-w-0 space-y-6 lg:col-span-2">
          <Card title="Core attributes">
            <DescriptionList>
              <DescriptionItem term="userName" mono>
                {user.userName}
              </DescriptionItem>
              <DescriptionItem term="externalId" mono>
                {user.externalId ?? <span className="text-slate-500">—</span>}
              </DescriptionItem>
              <DescriptionItem term="active">{user.active ? "Yes" : "No"}</DescriptionItem>
              {NAME_PARTS.filter((k) => present(name[k])).map((k) => (
                <DescriptionItem key={k} term={`name.${k}`}>
                  <ScimValue value={name[k]} />
                </DescriptionItem>
              ))}
              {CORE_SINGLE.filter((k) => present(r[k])).map((k) => (
                <DescriptionItem key={k} term={k}>
                  <ScimValue value={r[k]} />
                </DescriptionItem>
              ))}
            </DescriptionList>
          </Card>

          {CONTACT.some((k) => present(r[k])) ? (
            <Card title="Contact">
              <DescriptionList>
                {CONTACT.filter((k) => present(r[k])).map((k) => (
                  <DescriptionItem key={k} term={k}>
                    <ScimValue value={r[k]} />
                  </DescriptionItem>
                ))}
              </DescriptionList>
            </Card>
          ) : null}

          {Object.keys(enterprise).length ? (
            <Card title="Enterprise" description={<span className="break-all font-mono text-[12px]">{SCHEMA_ENTERPRISE_USER}</span>}>
              <DescriptionList>
                {[...ENTERPRISE.filter((k) => present(enterprise[k])), ...Object.keys(enterprise).filter((k) => !(ENTERPRISE as readonly string[]).includes(k))].map((k) => (
                  <DescriptionItem key={k} term={k}>
                    <ScimValue value={enterprise[k]} />
                  </DescriptionItem>
                ))}
              </DescriptionList>
            </Card>
          ) : null}

          <Card
            title="Profile fields"
            description={user.profileFieldsSchema ? <span className="break-all">Received under {user.profileFieldsSchema}</span> : "Custom attributes received as profileField_<name>."}
          >
            {expectedFields.length === 0 && unexpectedFields.length === 0 ? (
              <p className="text-sm text-slate-500">
                No profile fields received, and none expected.{" "}
                <Link href={`${base}/settings#profile-fields`} className="text-indigo-700 hover:underline">
                  Configure expected fields
                </Link>
              </p>
            ) : (
              <DescriptionList>
                {expectedFields.map((f) => (
                  <DescriptionItem key={f.id} term={<span className="font-mono text-[12px]">{`profileField_${f.name}`}{f.label ? <span className="block font-sans text-xs text-slate-500">{f.label}</span> : null}</span>}>
                    {present(user.profileFields[f.name]) ? <ScimValue value={user.profileFields[f.name]} /> : <span className="text-slate-500">Not received</span>}
                  </DescriptionItem>
                ))}
                {unexpectedFields.map((k) => (
                  <DescriptionItem key={k} term={<span className="font-mono text-[12px]">{`profileField_${k}`}<span className="block font-sans text-xs text-amber-700">not in the expected list</span></span>}>
                    <ScimValue value={user.profileFields[k]} />
                  </DescriptionItem>
                ))}
              </DescriptionList>
            )}
          </Card>

          {ACCESS.some((k) => present(r[k])) || otherKeys.length ? (
            <Card title="Roles, entitlements and other attributes">
              <DescriptionList>
                {ACCESS.filter((k) => present(r[k])).map((k) => (
                  <DescriptionItem key={k} term={k}>
                    <ScimValue value={r[k]} />
                  </DescriptionItem>
                ))}
                {otherKeys.map((k) => (
                  <DescriptionItem key={k} term={<span className="break-all">{k}</span>}>
                    <ScimValue value={r[k]} />
                  </DescriptionItem>
                ))}
              </DescriptionList>
            </Card>
          ) : null}

          <Card title="SCIM resource" description="As Roster returns it from GET /Users/{id}.">
            <JsonBlock value={user.scim} label="SCIM resource JSON" />
          </Card>
        </div>

        <div className="min-w-0 space-y-6">
          <RecordCard record={user} />
          <Card title={`Groups (${user.groupCount.toLocaleString("en")})`}>
            {user.groups.length === 0 ? (
              <p className="text-sm text-slate-500">Not a member of any group.</p>
            ) : (
              <ul className="space-y-1.5">
                {user.groups.map((g) => (
                  <li key={g.id}>
                    <Link href={`${base}/groups/${g.id}`} className="block truncate text-sm text-indigo-700 hover:underline" title={g.displayName}>
                      {g.displayName}
                    </Link>
                  </li>
                ))}
                {user.groupCount > user.groups.length ? <li className="text-xs text-slate-500">and {user.groupCount - user.groups.length} more</li> : null}
              </ul>
            )}
          </Card>
          <Card title="Activity">
            <ResourceTimeline entries={timeline} directoryId={directory.id} />
          </Card>
        </div>
      </div>
    </div>
  );
}
