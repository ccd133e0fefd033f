using System.Diagnostics.Metrics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using CommunityHub.Api.Infrastructure.Data;
using CommunityHub.Api.Infrastructure.Telemetry;
using CommunityHub.Api.Tests.Features.Members;
using CommunityHub.Api.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Shouldly;

namespace CommunityHub.Api.Tests.Operations;

/// <summary>
/// A database lock held past the busy timeout answers 503 with Retry-After (a client may retry), never a 500. Here
/// another connection holds SQLite's write lock and the app's timeout is one second.
/// </summary>
public sealed class DatabaseBusyTests : IClassFixture<SqliteApiFactory>
{
    private readonly SqliteApiFactory factory;

    public DatabaseBusyTests(SqliteApiFactory factory)
    {
        factory.ConnectionOptions = ";Default Timeout=1";
        this.factory = factory;
    }

    [Fact]
    public async Task A_write_meeting_a_lock_held_past_the_busy_timeout_answers_503_with_Retry_After_and_is_counted()
    {
        var admin = await factory.AdminAsync();
        long busy = 0;
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == AppMetrics.Name && instrument.Name == "communityhub.db.busy")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, value, _, _) => Interlocked.Add(ref busy, value));
        listener.Start();

        await using (var holder = new SqliteConnection($"Data Source={factory.DatabasePath};Pooling=False"))
        {
            await holder.OpenAsync();
            await using var begin = holder.CreateCommand();
            begin.CommandText = "BEGIN IMMEDIATE;";
            await begin.ExecuteNonQueryAsync();

            var refused = await admin.PostJsonAsync("/api/v1/members", MemberRequests.Body("Lukitun Kannan Yhdistys ry"));
            var problem = await Task.FromResult(refused).ShouldBeProblem(HttpStatusCode.ServiceUnavailable);
            problem.GetProperty("title").GetString().ShouldBe("Service unavailable");
            refused.Headers.RetryAfter.ShouldNotBeNull();
            refused.Headers.RetryAfter!.Delta.ShouldNotBeNull();
            refused.Headers.RetryAfter.Delta!.Value.ShouldBeGreaterThan(TimeSpan.Zero);

            // In Finnish for a Finnish caller, like every other problem.
            using var finnish = new HttpRequestMessage(HttpMethod.Post, "/api/v1/members")
            {
                Content = JsonContent.Create(MemberRequests.Body("Lukitun Kannan Yhdistys ry")),
            };
            finnish.Headers.AcceptLanguage.Add(new StringWithQualityHeaderValue("fi"));
            var finnishProblem = await admin.SendAsync(finnish).ShouldBeProblem(HttpStatusCode.ServiceUnavailable);
            finnishProblem.GetProperty("title").GetString().ShouldBe("Palvelu ei ole käytettävissä");
            finnishProblem.GetProperty("detail").GetString().ShouldBe("Tietokanta on varattu. Yritä hetken kuluttua uudelleen.");

            await using var rollback = holder.CreateCommand();
            rollback.CommandText = "ROLLBACK;";
            await rollback.ExecuteNonQueryAsync();
        }

        Interlocked.Read(ref busy).ShouldBeGreaterThanOrEqualTo(1);
        // Once the lock is gone the same request goes through.
        await admin.PostJsonAsync("/api/v1/members", MemberRequests.Body("Lukitun Kannan Yhdistys ry")).ShouldBe(HttpStatusCode.Created);
    }

    [Theory]
    [InlineData(5, true)]   // SQLITE_BUSY
    [InlineData(6, true)]   // SQLITE_LOCKED
    [InlineData(19, false)] // SQLITE_CONSTRAINT: a conflict, not worth a retry
    [InlineData(1, false)]
    public void Only_busy_and_locked_are_transient_on_SQLite(int code, bool transient)
    {
        DbErrors.IsTransient(new SqliteException("test", code)).ShouldBe(transient);
        DbErrors.IsTransient(new InvalidOperationException("wrapped", new SqliteException("test", code))).ShouldBeFalse();
    }

    [Fact]
    public void SQL_Server_deadlocks_lock_timeouts_and_failovers_are_transient_and_constraint_errors_are_not()
    {
        DbErrors.SqlServerTransient.ShouldContain(1205);
        DbErrors.SqlServerTransient.ShouldContain(1222);
        DbErrors.SqlServerTransient.ShouldContain(40613);
        DbErrors.SqlServerTransient.ShouldNotContain(2627);
        DbErrors.SqlServerTransient.ShouldNotContain(547);
    }
}
