using System.Buffers.Binary;
using System.Text;

namespace YoloGen.IO.Checkpoints;

/// <summary>
/// Walks a pickle's opcodes without executing any, before the unpickler sees it: every opcode must be one that
/// torch.save's protocol-2 output (or a protocol-4 file) can hold, every argument must lie inside the buffer, and every
/// <c>GLOBAL</c> must be on <see cref="PickleAllowList"/>. The first violation is reported with its byte offset.
/// </summary>
internal static class PickleScanner
{
    public static void Check(string path, ReadOnlySpan<byte> p)
    {
        int i = 0;
        while (true)
        {
            if (i >= p.Length) throw Fail(path, i, "the pickle ends without a STOP opcode (truncated data.pkl)");
            int at = i;
            byte op = p[i++];
            switch (op)
            {
                case (byte)'.': // STOP
                    return;
                // no argument
                case (byte)'(': case (byte)'0': case (byte)'1': case (byte)'2': case (byte)'N': case (byte)'R':
                case (byte)'a': case (byte)'b': case (byte)'d': case (byte)'}': case (byte)'e': case (byte)'l':
                case (byte)']': case (byte)'s': case (byte)'t': case (byte)')': case (byte)'u': case (byte)'Q':
                case 0x81: case 0x85: case 0x86: case 0x87: case 0x88: case 0x89: case 0x8f: case 0x90: case 0x91:
                case 0x94:
                    break;
                case 0x80: // PROTO
                    Need(path, p, at, i, 1);
                    if (p[i] > 5) throw Fail(path, at, $"pickle protocol {p[i]} is not known");
                    i += 1;
                    break;
                case (byte)'h': case (byte)'q': case (byte)'K': // BINGET, BINPUT, BININT1
                    Need(path, p, at, i, 1); i += 1; break;
                case (byte)'M': // BININT2
                    Need(path, p, at, i, 2); i += 2; break;
                case (byte)'J': case (byte)'j': case (byte)'r': // BININT, LONG_BINGET, LONG_BINPUT
                    Need(path, p, at, i, 4); i += 4; break;
                case (byte)'G': case 0x95: // BINFLOAT, FRAME
                    Need(path, p, at, i, 8); i += 8; break;
                case (byte)'U': case (byte)'C': case 0x8c: case 0x8a: // SHORT_BINSTRING, SHORT_BINBYTES, SHORT_BINUNICODE, LONG1
                    Need(path, p, at, i, 1);
                    i = Skip(path, p, at, i + 1, p[i]);
                    break;
                case (byte)'T': case (byte)'X': case (byte)'B': case 0x8b: // BINSTRING, BINUNICODE, BINBYTES, LONG4
                    Need(path, p, at, i, 4);
                    i = Skip(path, p, at, i + 4, BinaryPrimitives.ReadInt32LittleEndian(p[i..]));
                    break;
                case 0x8d: case 0x8e: // BINUNICODE8, BINBYTES8
                    Need(path, p, at, i, 8);
                    long n8 = BinaryPrimitives.ReadInt64LittleEndian(p[i..]);
                    i = Skip(path, p, at, i + 8, n8 > int.MaxValue ? -1 : (int)n8);
                    break;
                case (byte)'I': case (byte)'L': case (byte)'F': case (byte)'S': case (byte)'V': case (byte)'g': case (byte)'p':
                    i = Line(path, p, at, i, out _);
                    break;
                case (byte)'c': // GLOBAL module\nname\n
                    i = Line(path, p, at, i, out string module);
                    i = Line(path, p, at, i, out string name);
                    if (!PickleAllowList.IsAllowed(module, name))
                        throw Fail(path, at, $"global '{module}.{name}' is not on the allow-list of checkpoint globals; the file is refused (nothing in it was run)");
                    break;
                case 0x93:
                    throw Fail(path, at, "STACK_GLOBAL (a protocol-4 global whose name is computed at load time) is not accepted; torch.save writes protocol 2");
                case (byte)'i': case (byte)'o':
                    throw Fail(path, at, "INST/OBJ (calling a class with arguments) is not accepted in a checkpoint");
                case (byte)'P':
                    throw Fail(path, at, "a text persistent id (PERSID) is not accepted; torch.save writes BINPERSID");
                case 0x82: case 0x83: case 0x84:
                    throw Fail(path, at, "extension-registry opcodes (EXT1/EXT2/EXT4) are not accepted");
                case 0x92: case 0x96: case 0x97: case 0x98:
                    throw Fail(path, at, $"opcode 0x{op:x2} (protocol-5 buffers or NEWOBJ_EX) is not accepted in a checkpoint");
                default:
                    throw Fail(path, at, $"byte 0x{op:x2} is not a pickle opcode");
            }
        }
    }

    private static void Need(string path, ReadOnlySpan<byte> p, int at, int i, int n)
    {
        if (i + n > p.Length) throw Fail(path, at, "an opcode's argument runs past the end of data.pkl (truncated)");
    }

    private static int Skip(string path, ReadOnlySpan<byte> p, int at, int i, int n)
    {
        if (n < 0 || (long)i + n > p.Length) throw Fail(path, at, $"a string or bytes length ({n}) runs past the end of data.pkl");
        return i + n;
    }

    private static int Line(string path, ReadOnlySpan<byte> p, int at, int i, out string text)
    {
        int end = p[i..].IndexOf((byte)'\n');
        if (end < 0 || end > 4096) throw Fail(path, at, "a text argument has no end of line");
        text = Encoding.UTF8.GetString(p.Slice(i, end));
        return i + end + 1;
    }

    private static WeightsException Fail(string path, int offset, string what) =>
        new($"{path}: data.pkl byte {offset}: {what}");
}
