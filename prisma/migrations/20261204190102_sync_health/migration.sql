-- CreateTable
CREATE TABLE "SyncHealth" (
    "directoryId" TEXT NOT NULL PRIMARY KEY,
    "state" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "since" DATETIME NOT NULL,
    "lastRequestAt" DATETIME,
    "recent" TEXT NOT NULL DEFAULT '',
    "lastFailure" TEXT,
    "cycleId" TEXT,
    "cycleStartedAt" DATETIME,
    "cycleRequests" INTEGER NOT NULL DEFAULT 0,
    "cycleFailures" INTEGER NOT NULL DEFAULT 0,
    "cadenceSeconds" INTEGER,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "SyncCycle" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "directoryId" TEXT NOT NULL,
    "startedAt" DATETIME NOT NULL,
    "endedAt" DATETIME NOT NULL,
    "requests" INTEGER NOT NULL DEFAULT 0,
    "failures" INTEGER NOT NULL DEFAULT 0,
    "errors" INTEGER NOT NULL DEFAULT 0,
    "usersCreated" INTEGER NOT NULL DEFAULT 0,
    "usersUpdated" INTEGER NOT NULL DEFAULT 0,
    "usersDeactivated" INTEGER NOT NULL DEFAULT 0,
    "usersReactivated" INTEGER NOT NULL DEFAULT 0,
    "usersDeleted" INTEGER NOT NULL DEFAULT 0,
    "groupsCreated" INTEGER NOT NULL DEFAULT 0,
    "groupsUpdated" INTEGER NOT NULL DEFAULT 0,
    "groupsDeleted" INTEGER NOT NULL DEFAULT 0,
    "membersAdded" INTEGER NOT NULL DEFAULT 0,
    "membersRemoved" INTEGER NOT NULL DEFAULT 0
);

-- CreateTable
CREATE TABLE "SyncError" (
    "cycleId" TEXT NOT NULL,
    "directoryId" TEXT NOT NULL,
    "status" INTEGER NOT NULL,
    "scimType" TEXT NOT NULL DEFAULT '',
    "reason" TEXT NOT NULL,
    "count" INTEGER NOT NULL,
    "firstSeenAt" DATETIME NOT NULL,
    "lastSeenAt" DATETIME NOT NULL,
    "exampleActivityId" TEXT NOT NULL,

    PRIMARY KEY ("cycleId", "status", "scimType", "reason")
);

-- CreateIndex
CREATE INDEX "SyncCycle_directoryId_startedAt_idx" ON "SyncCycle"("directoryId", "startedAt");

-- CreateIndex
CREATE INDEX "SyncError_directoryId_lastSeenAt_idx" ON "SyncError"("directoryId", "lastSeenAt");

