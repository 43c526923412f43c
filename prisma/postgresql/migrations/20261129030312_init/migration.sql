-- CreateTable
CREATE TABLE "Admin" (
    "id" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "name" TEXT NOT NULL DEFAULT '',
    "passwordHash" TEXT NOT NULL,
    "isOwner" BOOLEAN NOT NULL DEFAULT false,
    "canManageDirectories" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastSignInAt" TIMESTAMP(3),

    CONSTRAINT "Admin_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AppSetting" (
    "key" TEXT NOT NULL,
    "value" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AppSetting_pkey" PRIMARY KEY ("key")
);

-- CreateTable
CREATE TABLE "Directory" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "type" TEXT NOT NULL DEFAULT 'scim',
    "active" BOOLEAN NOT NULL DEFAULT false,
    "deprovisionPolicy" TEXT NOT NULL DEFAULT 'erase',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "lastActivityAt" TIMESTAMP(3),

    CONSTRAINT "Directory_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DirectoryProfileField" (
    "id" TEXT NOT NULL,
    "directoryId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "label" TEXT NOT NULL DEFAULT '',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "DirectoryProfileField_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ApiClient" (
    "id" TEXT NOT NULL,
    "directoryId" TEXT NOT NULL,
    "clientId" TEXT NOT NULL,
    "secretHash" TEXT NOT NULL,
    "label" TEXT NOT NULL DEFAULT '',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastUsedAt" TIMESTAMP(3),
    "revokedAt" TIMESTAMP(3),

    CONSTRAINT "ApiClient_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AccessToken" (
    "id" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "clientId" TEXT NOT NULL,
    "directoryId" TEXT NOT NULL,
    "scope" TEXT NOT NULL DEFAULT 'scim',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "AccessToken_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RateLimitBucket" (
    "key" TEXT NOT NULL,
    "count" INTEGER NOT NULL,
    "windowStart" TIMESTAMP(3) NOT NULL,
    "blockedUntil" TIMESTAMP(3),

    CONSTRAINT "RateLimitBucket_pkey" PRIMARY KEY ("key")
);

-- CreateTable
CREATE TABLE "ScimUser" (
    "id" TEXT NOT NULL,
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
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "deletedAt" TIMESTAMP(3),

    CONSTRAINT "ScimUser_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ScimUserEmail" (
    "id" TEXT NOT NULL,
    "directoryId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "value" TEXT NOT NULL,
    "valueKey" TEXT NOT NULL,
    "type" TEXT,
    "primary" BOOLEAN NOT NULL DEFAULT false,

    CONSTRAINT "ScimUserEmail_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ScimGroup" (
    "id" TEXT NOT NULL,
    "directoryId" TEXT NOT NULL,
    "displayName" TEXT NOT NULL,
    "displayNameKey" TEXT NOT NULL,
    "externalId" TEXT,
    "resource" JSONB NOT NULL,
    "memberCount" INTEGER NOT NULL DEFAULT 0,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ScimGroup_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ScimGroupMember" (
    "directoryId" TEXT NOT NULL,
    "groupId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ScimGroupMember_pkey" PRIMARY KEY ("groupId","userId")
);

-- CreateTable
CREATE TABLE "ActivityLog" (
    "id" TEXT NOT NULL,
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
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ActivityLog_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ProvisioningEvent" (
    "id" TEXT NOT NULL,
    "directoryId" TEXT NOT NULL,
    "requestId" TEXT,
    "type" TEXT NOT NULL,
    "resourceType" TEXT NOT NULL,
    "resourceId" TEXT NOT NULL,
    "payload" JSONB NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ProvisioningEvent_pkey" PRIMARY KEY ("id")
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

-- AddForeignKey
ALTER TABLE "DirectoryProfileField" ADD CONSTRAINT "DirectoryProfileField_directoryId_fkey" FOREIGN KEY ("directoryId") REFERENCES "Directory"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ApiClient" ADD CONSTRAINT "ApiClient_directoryId_fkey" FOREIGN KEY ("directoryId") REFERENCES "Directory"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AccessToken" ADD CONSTRAINT "AccessToken_clientId_fkey" FOREIGN KEY ("clientId") REFERENCES "ApiClient"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AccessToken" ADD CONSTRAINT "AccessToken_directoryId_fkey" FOREIGN KEY ("directoryId") REFERENCES "Directory"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ScimUser" ADD CONSTRAINT "ScimUser_directoryId_fkey" FOREIGN KEY ("directoryId") REFERENCES "Directory"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ScimUserEmail" ADD CONSTRAINT "ScimUserEmail_userId_fkey" FOREIGN KEY ("userId") REFERENCES "ScimUser"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ScimGroup" ADD CONSTRAINT "ScimGroup_directoryId_fkey" FOREIGN KEY ("directoryId") REFERENCES "Directory"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ScimGroupMember" ADD CONSTRAINT "ScimGroupMember_groupId_fkey" FOREIGN KEY ("groupId") REFERENCES "ScimGroup"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ScimGroupMember" ADD CONSTRAINT "ScimGroupMember_userId_fkey" FOREIGN KEY ("userId") REFERENCES "ScimUser"("id") ON DELETE CASCADE ON UPDATE CASCADE;

