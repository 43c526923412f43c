-- CreateTable
CREATE TABLE "SyncHealth" (
    "directoryId" TEXT NOT NULL,
    "state" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "since" TIMESTAMP(3) NOT NULL,
    "lastRequestAt" TIMESTAMP(3),
    "recent" TEXT NOT NULL DEFAULT '',
    "lastFailure" TEXT,
    "cycleId" TEXT,
    "cycleStartedAt" TIMESTAMP(3),
    "cycleRequests" INTEGER NOT NULL DEFAULT 0,
    "cycleFailures" INTEGER NOT NULL DEFAULT 0,
    "cadenceSeconds" INTEGER,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "SyncHealth_pkey" PRIMARY KEY ("directoryId")
);

-- CreateTable
CREATE TABLE "SyncCycle" (
    "id" TEXT NOT NULL,
    "directoryId" TEXT NOT NULL,
    "startedAt" TIMESTAMP(3) NOT NULL,
    "endedAt" TIMESTAMP(3) NOT NULL,
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
    "membersRemoved" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "SyncCycle_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SyncError" (
    "cycleId" TEXT NOT NULL,
    "directoryId" TEXT NOT NULL,
    "status" INTEGER NOT NULL,
    "scimType" TEXT NOT NULL DEFAULT '',
    "reason" TEXT NOT NULL,
    "count" INTEGER NOT NULL,
    "firstSeenAt" TIMESTAMP(3) NOT NULL,
    "lastSeenAt" TIMESTAMP(3) NOT NULL,
    "exampleActivityId" TEXT NOT NULL,

    CONSTRAINT "SyncError_pkey" PRIMARY KEY ("cycleId","status","scimType","reason")
);

-- CreateIndex
CREATE INDEX "SyncCycle_directoryId_startedAt_idx" ON "SyncCycle"("directoryId", "startedAt");

-- CreateIndex
CREATE INDEX "SyncError_directoryId_lastSeenAt_idx" ON "SyncError"("directoryId", "lastSeenAt");

