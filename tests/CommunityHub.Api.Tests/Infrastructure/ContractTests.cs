namespace CommunityHub.Api.Tests.Infrastructure;

/// <summary>
/// Base of the contract tests that run on both providers: a class per provider derives from the feature's
/// abstract test class. The SQL Server variant skips, with the reason shown, when neither a configured server nor Docker is there.
/// </summary>
public abstract class ContractTests<TFactory> : IClassFixture<TFactory>
    where TFactory : ApiFactory
{
    protected ContractTests(TFactory factory)
    {
        Assert.SkipWhen(factory is SqlServerApiFactory { ServerConnectionString: null }, SqlServerApiFactory.SkipReason);
        Factory = factory;
    }

    protected TFactory Factory { get; }
}
