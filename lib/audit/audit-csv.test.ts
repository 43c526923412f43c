import { describe, expect, it } from "vitest";
import { auditCsvLine, csvCell } from "./audit-csv";

describe("audit CSV", () => {
  it.each([
    ["plain", '"plain"'],
    ['say "hi"', '"say ""hi"""'],
    ["a,b\nc", '"a,b\nc"'],
    ["=1+1", `"'=1+1"`],
    ["+1", `"'+1"`],
    ["-1", `"'-1"`],
    ["@SUM(A1)", `"'@SUM(A1)"`],
    ["\t=1", `"'\t=1"`],
    ["\r=1", `"'\r=1"`],
    [null, '""'],
    [{ name: "=x" }, '"{""name"":""=x""}"'],
  ])("%j → %s", (value, cell) => {
    expect(csvCell(value)).toBe(cell);
  });

  it("writes one CRLF-terminated line per row, values as JSON", () => {
    const line = auditCsvLine({
      createdAt: new Date("2026-12-04T10:00:00Z"),
      actorType: "admin",
      actorId: "a1",
      actorName: "owner@example.com",
      ip: null,
      action: "directory.rename",
      targetType: "directory",
      targetId: "d1",
      targetLabel: "-Contoso",
      directoryId: "d1",
      before: { name: "-Contoso" },
      after: { name: "Contoso" },
    });
    expect(line).toBe('"2026-12-04T10:00:00.000Z","admin","a1","owner@example.com","","directory.rename","directory","d1","\'-Contoso","d1","{""name"":""-Contoso""}","{""name"":""Contoso""}"\r\n');
  });
});
