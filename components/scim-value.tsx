// Renders SCIM attribute values readably: plain values as text, multi-valued attributes (emails,
// phoneNumbers, roles…) as lists with their type/primary, complex values as nested lists.
import { Badge } from "@/components/ui/badge";

type Json = unknown;

function isRecord(v: Json): v is Record<string, Json> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function scalar(v: Json): string {
  if (v === null || v === undefined) return "—";
  if (typeof v === "boolean") return v ? "Yes" : "No";
  if (typeof v === "string" || typeof v === "number") return String(v);
  return JSON.stringify(v);
}

function addressText(a: Record<string, Json>): string {
  if (typeof a.formatted === "string" && a.formatted) return a.formatted;
  return [a.streetAddress, a.locality, a.region, a.postalCode, a.country].filter((x) => typeof x === "string" && x).join(", ");
}

function MultiValueItem({ item }: { item: Json }) {
  if (!isRecord(item)) return <span className="break-words">{scalar(item)}</span>;
  const main =
    "value" in item
      ? scalar(item.value)
      : "streetAddress" in item || "formatted" in item || "locality" in item
        ? addressText(item)
        : undefined;
  if (main === undefined) return <ScimValue value={item} />;
  const extras = Object.entries(item).filter(([k]) => !["value", "type", "primary", "display", "formatted", "streetAddress", "locality", "region", "postalCode", "country", "$ref"].includes(k));
  return (
    <span className="flex min-w-0 flex-wrap items-center gap-1.5">
      <span className="min-w-0 break-all">{main.length > 200 ? `${main.slice(0, 200)}…` : main}</span>
      {typeof item.display === "string" && item.display !== main ? <span className="text-slate-600">({item.display})</span> : null}
      {typeof item.type === "string" ? <Badge tone="gray">{item.type}</Badge> : null}
      {item.primary === true ? <Badge tone="indigo">primary</Badge> : null}
      {extras.map(([k, v]) => (
        <span key={k} className="text-xs text-slate-600">
          {k}: {scalar(v)}
        </span>
      ))}
    </span>
  );
}

export function ScimValue({ value }: { value: Json }) {
  if (Array.isArray(value)) {
    if (value.length === 0) return <span className="text-slate-500">None</span>;
    return (
      <ul className="space-y-1">
        {value.map((item, i) => (
          <li key={i}>
            <MultiValueItem item={item} />
          </li>
        ))}
      </ul>
    );
  }
  if (isRecord(value)) {
    const entries = Object.entries(value);
    if (!entries.length) return <span className="text-slate-500">—</span>;
    return (
      <dl className="grid grid-cols-[minmax(0,auto)_minmax(0,1fr)] gap-x-3 gap-y-1">
        {entries.map(([k, v]) => (
          <div key={k} className="contents">
            <dt className="text-slate-600">{k}</dt>
            <dd className="min-w-0 break-words">{isRecord(v) || Array.isArray(v) ? <ScimValue value={v} /> : scalar(v)}</dd>
          </div>
        ))}
      </dl>
    );
  }
  return <span className="break-words">{scalar(value)}</span>;
}
