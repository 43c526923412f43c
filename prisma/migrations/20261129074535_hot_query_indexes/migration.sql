-- DropIndex
DROP INDEX "ScimUser_directoryId_createdAt_id_idx";

-- DropIndex
DROP INDEX "ScimGroupMember_directoryId_userId_idx";

-- CreateIndex
CREATE INDEX "ScimUser_directoryId_createdAt_id_deletedAt_idx" ON "ScimUser"("directoryId", "createdAt", "id", "deletedAt");

-- CreateIndex
CREATE INDEX "ScimGroupMember_userId_directoryId_idx" ON "ScimGroupMember"("userId", "directoryId");

