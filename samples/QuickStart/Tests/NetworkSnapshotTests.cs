using QuickStart.Networks;
using Xunit;
using YoloGen.Testing;

namespace QuickStart.Tests;

/// <summary>
/// Every network QuickStart's build generated from models/shapes.yaml, and the registry, against ShapesN.verified.cs,
/// ShapesS.verified.cs and YoloModels.verified.cs beside this file. After a deliberate change:
/// <c>YOLOGEN_ACCEPT_SNAPSHOTS=1 dotnet test samples/QuickStart/Tests</c>, then review the verified files' diff.
/// </summary>
public sealed class NetworkSnapshotTests
{
    [Fact]
    public void Generated_networks_match_their_snapshots() => GeneratedNetworks.Verify(typeof(ShapesN).Assembly);
}
