-- CreateTable
CREATE TABLE "Admin" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "email" TEXT NOT NULL,
    "name" TEXT NOT NULL DEFAULT '',
    "passwordHash" TEXT NOT NULL,
    "isOwner" BOOLEAN NOT NULL DEFAULT false,
    "canManageDirectories" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastSignInAt" DATETIME
);

-- CreateTable
CREATE TABLE "AppSetting" (
    "key" TEXT NOT NULL PRIMARY KEY,
    "value" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "Directory" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "type" TEXT NOT NULL DEFAULT 'scim',
    "active" BOOLEAN NOT NULL DEFAULT false,
    "deprovisionPolicy" TEXT NOT NULL DEFAULT 'erase',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    "lastActivityAt" DATETIME
);

-- CreateTable
CREATE TABLE "DirectoryProfileField" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "directoryId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "label" TEXT NOT NULL DEFAULT '',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "DirectoryProfileField_directoryId_fkey" FOREIGN KEY ("directoryId") REFERENCES "Directory" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ApiClient" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "directoryId" TEXT NOT NULL,
    "clientId" TEXT NOT NULL,
    "secretHash" TEXT NOT NULL,
    "label" TEXT NOT NULL DEFAULT '',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastUsedAt" DATETIME,
    "revokedAt" DATETIME,
    CONSTRAINT "ApiClient_directoryId_fkey" FOREIGN KEY ("directoryId") REFERENCES "Directory" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "AccessToken" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "tokenHash" TEXT NOT NULL,
    "clientId" TEXT NOT NULL,
    "directoryId" TEXT NOT NULL,
    "scope" TEXT NOT NULL DEFAULT 'scim',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" DATETIME NOT NULL,
    CONSTRAINT "AccessToken_clientId_fkey" FOREIGN KEY ("clientId") REFERENCES "ApiClient" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "AccessToken_directoryId_fkey" FOREIGN KEY ("directoryId") REFERENCES "Directory" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "RateLimitBucket" (
    "key" TEXT NOT NULL PRIMARY KEY,
    "count" INTEGER NOT NULL,
    "windowStart" DATETIME NOT NULL,
    "blockedUntil" DATETIME
);

-- CreateTable
CREATE TABLE "ScimUser" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "directoryId" TEXT NOT NULL,
    "userName" TEXT NOT NULL,
    "userNameKey" TEXT,
    "externalId" TEXT,
    "displayName" TEXT,
    "givenName" TEXT,
    "familyName" TEXT,
    "primaryEmail" TEXT,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "resource" JSONB NOT NULL,
    "profileFields" JSONB NOT NULL,
    "profileFieldsSchema" TEXT,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "deletedAt" DATETIME,
    CONSTRAINT "ScimUser_directoryId_fkey" FOREIGN KEY ("directoryId") REFERENCES "Directory" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ScimUserEmail" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "directoryId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "value" TEXT NOT NULL,
    "valueKey" TEXT NOT NULL,
    "type" TEXT,
    "primary" BOOLEAN NOT NULL DEFAULT false,
    CONSTRAINT "ScimUserEmail_userId_fkey" FOREIGN KEY ("userId") REFERENCES "ScimUser" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ScimGroup" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "directoryId" TEXT NOT NULL,
    "displayName" TEXT NOT NULL,
    "displayNameKey" TEXT NOT NULL,
    "externalId" TEXT,
    "resource" JSONB NOT NULL,
    "memberCount" INTEGER NOT NULL DEFAULT 0,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "ScimGroup_directoryId_fkey" FOREIGN KEY ("directoryId") REFERENCES "Directory" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ScimGroupMember" (
    "directoryId" TEXT NOT NULL,
    "groupId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,

    PRIMARY KEY ("groupId", "userId"),
    CONSTRAINT "ScimGroupMember_groupId_fkey" FOREIGN KEY ("groupId") REFERENCES "ScimGroup" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ScimGroupMember_userId_fkey" FOREIGN KEY ("userId") REFERENCES "ScimUser" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ActivityLog" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "directoryId" TEXT,
    "clientId" TEXT,
    "requestId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "method" TEXT NOT NULL,
    "path" TEXT NOT NULL,
    "query" TEXT NOT NULL DEFAULT '',
    "status" INTEGER NOT NULL,
    "scimType" TEXT,
    "errorDetail" TEXT,
    "operation" TEXT NOT NULL,
    "resourceType" TEXT,
    "resourceId" TEXT,
    "durationMs" INTEGER NOT NULL,
    "ip" TEXT,
    "userAgent" TEXT,
    "requestBody" TEXT,
    "responseBody" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "ProvisioningEvent" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "directoryId" TEXT NOT NULL,
    "requestId" TEXT,
    "type" TEXT NOT NULL,
    "resourceType" TEXT NOT NULL,
    "resourceId" TEXT NOT NULL,
    "payload" JSONB NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateIndex
CREATE UNIQUE INDEX "Admin_email_key" ON "Admin"("email");

-- CreateIndex
CREATE UNIQUE INDEX "DirectoryProfileField_directoryId_name_key" ON "DirectoryProfileField"("directoryId", "name");

-- CreateIndex
CREATE UNIQUE INDEX "ApiClient_clientId_key" ON "ApiClient"("clientId");

-- CreateIndex
CREATE INDEX "ApiClient_directoryId_idx" ON "ApiClient"("directoryId");

-- CreateIndex
CREATE UNIQUE INDEX "AccessToken_tokenHash_key" ON "AccessToken"("tokenHash");

-- CreateIndex
CREATE INDEX "AccessToken_directoryId_idx" ON "AccessToken"("directoryId");

-- CreateIndex
CREATE INDEX "AccessToken_expiresAt_idx" ON "AccessToken"("expiresAt");

-- CreateIndex
CREATE INDEX "ScimUser_directoryId_externalId_idx" ON "ScimUser"("directoryId", "externalId");

-- CreateIndex
CREATE INDEX "ScimUser_directoryId_createdAt_id_idx" ON "ScimUser"("directoryId", "createdAt", "id");

-- CreateIndex
CREATE INDEX "ScimUser_directoryId_updatedAt_idx" ON "ScimUser"("directoryId", "updatedAt");

-- CreateIndex
CREATE INDEX "ScimUser_directoryId_active_idx" ON "ScimUser"("directoryId", "active");

-- CreateIndex
CREATE UNIQUE INDEX "ScimUser_directoryId_userNameKey_key" ON "ScimUser"("directoryId", "userNameKey");

-- CreateIndex
CREATE INDEX "ScimUserEmail_directoryId_valueKey_idx" ON "ScimUserEmail"("directoryId", "valueKey");

-- CreateIndex
CREATE INDEX "ScimUserEmail_userId_idx" ON "ScimUserEmail"("userId");

-- CreateIndex
CREATE INDEX "ScimGroup_directoryId_displayNameKey_idx" ON "ScimGroup"("directoryId", "displayNameKey");

-- CreateIndex
CREATE INDEX "ScimGroup_directoryId_externalId_idx" ON "ScimGroup"("directoryId", "externalId");

-- CreateIndex
CREATE INDEX "ScimGroup_directoryId_createdAt_id_idx" ON "ScimGroup"("directoryId", "createdAt", "id");

-- CreateIndex
CREATE INDEX "ScimGroup_directoryId_updatedAt_idx" ON "ScimGroup"("directoryId", "updatedAt");

-- CreateIndex
CREATE INDEX "ScimGroupMember_directoryId_userId_idx" ON "ScimGroupMember"("directoryId", "userId");

-- CreateIndex
CREATE INDEX "ActivityLog_directoryId_createdAt_idx" ON "ActivityLog"("directoryId", "createdAt");

-- CreateIndex
CREATE INDEX "ActivityLog_directoryId_resourceId_idx" ON "ActivityLog"("directoryId", "resourceId");

-- CreateIndex
CREATE INDEX "ActivityLog_createdAt_idx" ON "ActivityLog"("createdAt");

-- CreateIndex
CREATE INDEX "ProvisioningEvent_directoryId_createdAt_idx" ON "ProvisioningEvent"("directoryId", "createdAt");

-- CreateIndex
CREATE INDEX "ProvisioningEvent_directoryId_resourceId_idx" ON "ProvisioningEvent"("directoryId", "resourceId");

