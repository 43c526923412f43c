// What a directory's users and groups carry beyond the standard schemas, for its /Schemas and
// /ResourceTypes (lib/scim/resource/describe-custom-attributes.ts). Reads every resource of the
// directory once, a page at a time: a discovery request, not an identity provider's hot path.
import { SqlParams } from "@/lib/db/sql";
import { CustomAttributeCollector, type CustomAttributes } from "@/lib/scim/resource/describe-custom-attributes";
import type { ResourceTypeName } from "@/lib/scim/schema";
import { clientView, toScimGroup, toScimUser } from "@/lib/scim/resource/to-scim";
import type { ProvisioningContext } from "./context";
import { toGroupRecord, toUserRecord } from "./records";

export interface CollectCustomAttributesOptions {
  ctx: ProvisioningContext;
}

const PAGE = 1000;

const SOURCES = {
  User: { table: "ScimUser", where: ` AND "deletedAt" IS NULL`, render: (row: Record<string, unknown>, baseUrl: string) => toScimUser(toUserRecord(row), { baseUrl }) },
  Group: { table: "ScimGroup", where: "", render: (row: Record<string, unknown>, baseUrl: string) => toScimGroup(toGroupRecord(row), undefined, { baseUrl }) },
};

async function collect(ctx: ProvisioningContext, type: ResourceTypeName): Promise<CustomAttributes> {
  const source = SOURCES[type];
  const collector = new CustomAttributeCollector(type);
  let after = "";
  for (;;) {
    const params = new SqlParams(ctx.db.kind);
    const rows = await ctx.db.sql.query<Record<string, unknown>>(
      `SELECT * FROM "${source.table}" WHERE "directoryId" = ${params.add(ctx.directoryId)}${source.where} AND "id" > ${params.add(after)} ORDER BY "id" LIMIT ${PAGE}`,
      params.values,
    );
    for (const row of rows) collector.add(clientView(source.render(row, ctx.baseUrl)));
    if (rows.length < PAGE) return collector.result();
    after = String(rows[rows.length - 1].id);
  }
}

/** Custom attributes and extensions of the directory's users and groups, as they are returned. */
export async function collectCustomAttributes({ ctx }: CollectCustomAttributesOptions): Promise<Record<ResourceTypeName, CustomAttributes>> {
  return { User: await collect(ctx, "User"), Group: await collect(ctx, "Group") };
}
