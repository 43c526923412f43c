-- AlterTable
ALTER TABLE "ProvisioningEvent" ADD COLUMN     "seq" BIGINT,
ADD COLUMN     "writeOrder" BIGINT;

-- CreateTable
CREATE TABLE "EventFeedState" (
    "id" INTEGER NOT NULL,
    "lastSeq" BIGINT NOT NULL DEFAULT 0,
    "prunedThrough" BIGINT NOT NULL DEFAULT 0,

    CONSTRAINT "EventFeedState_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "ActivityLog_directoryId_requestId_idx" ON "ActivityLog"("directoryId", "requestId");

-- CreateIndex
CREATE UNIQUE INDEX "ProvisioningEvent_seq_key" ON "ProvisioningEvent"("seq");

-- CreateIndex
CREATE INDEX "ProvisioningEvent_directoryId_seq_idx" ON "ProvisioningEvent"("directoryId", "seq");

-- CreateIndex
CREATE INDEX "ProvisioningEvent_seq_writeOrder_idx" ON "ProvisioningEvent"("seq", "writeOrder");


-- Written by hand (schema.prisma cannot express it): the sequence each event's writeOrder is drawn
-- from (lib/events/record-events.ts), and the feed state's one row.
CREATE SEQUENCE "ProvisioningEvent_writeOrder_seq" AS BIGINT;
INSERT INTO "EventFeedState" ("id", "lastSeq", "prunedThrough") VALUES (1, 0, 0);
