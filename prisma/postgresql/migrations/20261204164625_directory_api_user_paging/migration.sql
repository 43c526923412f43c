-- DropIndex
DROP INDEX "ScimUser_directoryId_updatedAt_idx";

-- CreateIndex
CREATE INDEX "ScimUser_directoryId_updatedAt_id_idx" ON "ScimUser"("directoryId", "updatedAt", "id");

