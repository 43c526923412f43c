-- AlterTable
ALTER TABLE "ProvisioningEvent" ADD COLUMN "seq" BIGINT;
ALTER TABLE "ProvisioningEvent" ADD COLUMN "writeOrder" BIGINT;

-- CreateTable
CREATE TABLE "EventFeedState" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "lastSeq" BIGINT NOT NULL DEFAULT 0,
    "prunedThrough" BIGINT NOT NULL DEFAULT 0
);

-- CreateIndex
CREATE INDEX "ActivityLog_directoryId_requestId_idx" ON "ActivityLog"("directoryId", "requestId");

-- CreateIndex
CREATE UNIQUE INDEX "ProvisioningEvent_seq_key" ON "ProvisioningEvent"("seq");

-- CreateIndex
CREATE INDEX "ProvisioningEvent_directoryId_seq_idx" ON "ProvisioningEvent"("directoryId", "seq");

-- CreateIndex
CREATE INDEX "ProvisioningEvent_seq_writeOrder_idx" ON "ProvisioningEvent"("seq", "writeOrder");


-- Written by hand: the feed state's one row.
INSERT INTO "EventFeedState" ("id", "lastSeq", "prunedThrough") VALUES (1, 0, 0);
