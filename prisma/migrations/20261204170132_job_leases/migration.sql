-- CreateTable
CREATE TABLE "JobLease" (
    "name" TEXT NOT NULL PRIMARY KEY,
    "holder" TEXT,
    "leasedUntil" DATETIME,
    "lastRunAt" DATETIME,
    "lastError" TEXT
);

