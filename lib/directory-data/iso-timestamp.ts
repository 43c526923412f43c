import { z } from "zod";

/** Timestamps leave Roster as ISO 8601 strings in UTC (JSON Schema `format: date-time`). */
export const isoTimestamp = z.iso.datetime();
