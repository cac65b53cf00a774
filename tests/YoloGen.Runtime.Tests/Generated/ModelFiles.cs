using System.Text.RegularExpressions;
using YoloGen.Models;

namespace YoloGen.Runtime.Tests.Generated;

/// <summary>The compiled-in networks per model file of models/.</summary>
public static class ModelFiles
{
    /// <summary>Per models/*.yaml: its n scale (yolov8.yaml → yolov8n, yolo11-se.yaml → yolo11n-se), or the file's one model.</summary>
    public static List<string> ScaleN()
    {
        var names = Directory.GetFiles(Path.Combine(TestPaths.RepoRoot, "models"), "*.yaml")
            .Select(f => Path.GetFileNameWithoutExtension(f))
            .Select(stem => YoloModels.Names.Contains(stem) ? stem : Regex.Replace(stem, @"^(yolo(?:v)?\d+)", "${1}n"))
            .Order(StringComparer.Ordinal)
            .ToList();
        Assert.All(names, name => Assert.Contains(name, YoloModels.Names));
        return names;
    }
}
