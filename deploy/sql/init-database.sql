-- Creates the CommunityHub database and the API's own SQL login, run by the db-init service in
-- docker-compose.yml as sa. Idempotent: it runs on every `docker compose up` and changes nothing that exists,
-- except that it re-applies the API login's password (so rotating DB_APP_PASSWORD in .env takes effect).
-- The API creates and migrates its tables itself at start-up, so it owns its database (db_owner) and nothing
-- on the server.
-- sqlcmd variables: DbName, AppUser, AppPassword. The values are pasted into the text as they are: keep
-- quotes (' " ) and ] out of them.
SET NOCOUNT ON;
IF DB_ID(N'$(DbName)') IS NULL
    CREATE DATABASE [$(DbName)];
GO

IF SUSER_ID(N'$(AppUser)') IS NULL
    CREATE LOGIN [$(AppUser)] WITH PASSWORD = N'$(AppPassword)', DEFAULT_DATABASE = [$(DbName)], CHECK_POLICY = ON;
ELSE
    ALTER LOGIN [$(AppUser)] WITH PASSWORD = N'$(AppPassword)';
GO

USE [$(DbName)];
GO
IF USER_ID(N'$(AppUser)') IS NULL
    CREATE USER [$(AppUser)] FOR LOGIN [$(AppUser)];
GO
IF IS_ROLEMEMBER(N'db_owner', N'$(AppUser)') = 0
    ALTER ROLE db_owner ADD MEMBER [$(AppUser)];
GO
PRINT N'CommunityHub database $(DbName) and login $(AppUser) are ready.';
GO
