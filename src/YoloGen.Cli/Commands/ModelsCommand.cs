using YoloGen.Models;

namespace YoloGen.Cli.Commands;

/// <summary><c>yologen models</c>: the model names compiled into this program, one per line.</summary>
public static class ModelsCommand
{
    public static int Run(CliArgs args)
    {
        args.EnsureAllUsed();
        foreach (var name in YoloModels.Names) Console.WriteLine(name);
        return 0;
    }
}
