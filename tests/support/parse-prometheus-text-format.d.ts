// The parser ships no types: families of { name, help, type, metrics: [{ labels, value | buckets, count, sum }] }.
declare module "parse-prometheus-text-format" {
  export default function parsePrometheusTextFormat(text: string): unknown[];
}
