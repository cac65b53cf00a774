using YoloGen.Cli.Parsing;

// yologen <command> [options]: the commands are declared in Commands/<Name>Command.cs and parsed in Parsing/.
// Freed tensor memory stays in the process for the next buffer instead of costing page faults (docs/benchmarks.md).
YoloGen.NativeHeap.RetainFreedMemory();
return YologenCli.Run(args, Console.Out, Console.Error);
