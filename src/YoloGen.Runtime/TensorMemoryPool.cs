using System.Diagnostics.CodeAnalysis;
using System.Numerics;
using System.Runtime.InteropServices;
using TorchSharp;

namespace YoloGen;

/// <summary>What <see cref="TensorMemoryPool"/> holds: bytes mapped for pooled blocks, the part of them free for reuse,
/// and how many pooled requests found a free block (hits) or needed a new one (misses).</summary>
public readonly record struct TensorMemoryStatistics(long ReservedBytes, long CachedBytes, long Hits, long Misses);

/// <summary>
/// A caching allocator for libtorch's CPU tensors, installed in place of its default one. A training step allocates
/// and frees about a gigabyte in blocks whose sizes change from batch to batch (they follow the number of labels), and
/// glibc's heap, reusing freed memory by best fit, fragments: it keeps growing for over a hundred iterations until it
/// holds about twice the live peak (docs/training.md). Here every block of at least <see cref="PooledBlockBytes"/> is
/// a private mapping whose size is rounded up to a power of two, made resident when it is mapped and never returned:
/// freed, it goes to the free list of its size and serves the next request of that size. The pool grows only while
/// the workload still reaches new highs of concurrent blocks per size — in training, during the first epoch and its
/// validation — and the resident set then stays put. Smaller blocks go to malloc as before.
/// <para>
/// The allocator is a <c>c10::Allocator</c> built here: an object whose virtual table points at the static methods
/// below, registered with <c>c10::SetCPUAllocator</c>. Its layout (Itanium C++ ABI, as libtorch 2.10 is built for
/// Linux) is checked against the live default allocator before anything is installed. Tensors keep the deleter they
/// were allocated with, so installing or removing the pool never invalidates one.
/// </para>
/// </summary>
public static unsafe class TensorMemoryPool
{
    /// <summary>Requests from this size up (header included) are served from the pool.</summary>
    public const long PooledBlockBytes = 128 << 10;

    private const int Header = 64; // libtorch's alignment; the header tells the deleter where a block came from
    private const long PooledMagic = 0x594F_4C4F_504F_4F4CL, HeapMagic = 0x594F_4C4F_4845_4150L;
    private const int ProtRead = 1, ProtWrite = 2, MapPrivate = 2, MapAnonymous = 0x20, MapPopulate = 0x8000;

    private static readonly object Gate = new();
    private static readonly Stack<nint>[] Free = Enumerable.Range(0, 64).Select(_ => new Stack<nint>()).ToArray();
    private static long _reserved, _cached, _hits, _misses;
    private static volatile bool _exiting;
    private static nint _instance, _previous;
    private static delegate* unmanaged<nint> _getCpuAllocator;
    private static delegate* unmanaged<nint, byte, void> _setCpuAllocator;

    /// <summary>Whether the pool is libtorch's CPU allocator now.</summary>
    public static bool IsInstalled { get; private set; }

    public static TensorMemoryStatistics Statistics
    {
        get { lock (Gate) return new(_reserved, _cached, _hits, _misses); }
    }

    /// <summary>
    /// Makes the pool libtorch's CPU allocator for the rest of the process (or until <see cref="Uninstall"/>). Does
    /// nothing and returns false outside Linux, when <c>YOLOGEN_TENSOR_POOL=0</c>, or when the loaded libtorch does not
    /// have the expected allocator layout.
    /// </summary>
    public static bool Install()
    {
        if (!OperatingSystem.IsLinux() || Environment.GetEnvironmentVariable("YOLOGEN_TENSOR_POOL") == "0") return false;
        lock (Gate)
        {
            if (IsInstalled) return true;
            if (_instance == 0 && !Build()) return false;
            _previous = _getCpuAllocator();
            _setCpuAllocator(_instance, 1); // above the default's priority 0: a late registration of it cannot displace the pool
            IsInstalled = true;
            return true;
        }
    }

    /// <summary>Gives libtorch its previous allocator back. Pooled blocks still in use return to the pool when freed.</summary>
    public static void Uninstall()
    {
        lock (Gate)
        {
            if (!IsInstalled) return;
            _setCpuAllocator(_previous, 1);
            IsInstalled = false;
        }
    }

    /// <summary>Unmaps the free blocks; the pool maps new ones as requests come.</summary>
    public static void ReleaseCached()
    {
        lock (Gate)
        {
            foreach (var list in Free)
                while (list.TryPop(out var block))
                {
                    long size = ((long*)block)[1];
                    _ = Munmap(block, (nuint)size);
                    _reserved -= size;
                    _cached -= size;
                }
        }
    }

    /// <summary>The size class of a block of <paramref name="bytes"/> (header included): the power of two that holds it.</summary>
    internal static (int Index, long Size) SizeClass(long bytes)
    {
        int index = 64 - BitOperations.LeadingZeroCount((ulong)(bytes - 1));
        return (index, 1L << index);
    }

    private static bool Build()
    {
        _ = torch.CPU; // loads libtorch
        if (!NativeLibrary.TryLoad("libc10.so", out var c10)
            || !NativeLibrary.TryGetExport(c10, "_ZN3c1015GetCPUAllocatorEv", out var get)
            || !NativeLibrary.TryGetExport(c10, "_ZN3c1015SetCPUAllocatorEPNS_9AllocatorEh", out var set)
            || !NativeLibrary.TryGetExport(c10, "_ZNK3c109Allocator18is_simple_data_ptrERKNS_7DataPtrE", out var isSimple)
            || !NativeLibrary.TryGetExport(c10, "_ZTIN3c109AllocatorE", out var typeInfo))
            return false;
        _getCpuAllocator = (delegate* unmanaged<nint>)get;
        _setCpuAllocator = (delegate* unmanaged<nint, byte, void>)set;

        // Virtual slots of c10::Allocator: the two destructors, allocate, is_simple_data_ptr, raw_deleter, copy_data.
        // The default allocator inherits is_simple_data_ptr: finding it in slot 3 confirms the layout.
        nint current = _getCpuAllocator();
        if (current == 0 || ((nint*)*(nint*)current)[3] != isSimple) return false;

        var table = (nint*)NativeMemory.AllocZeroed((nuint)(8 * sizeof(nint)));
        table[0] = 0;        // offset to top
        table[1] = typeInfo; // typed as a plain c10::Allocator
        table[2] = (nint)(delegate* unmanaged<nint, void>)&Destroy;
        table[3] = (nint)(delegate* unmanaged<nint, void>)&Destroy;
        table[4] = (nint)(delegate* unmanaged<nint, nuint, DataPtr>)&Allocate;
        table[5] = (nint)(delegate* unmanaged<nint, DataPtr*, byte>)&IsSimpleDataPtr;
        table[6] = (nint)(delegate* unmanaged<nint, nint>)&RawDeleter;
        table[7] = (nint)(delegate* unmanaged<nint, void*, void*, nuint, void>)&CopyData;
        var instance = (nint*)NativeMemory.AllocZeroed((nuint)(2 * sizeof(nint)));
        instance[0] = (nint)(table + 2);
        _instance = (nint)instance;
        // libtorch frees its static tensors while the process exits; the operating system reclaims everything then.
        AppDomain.CurrentDomain.ProcessExit += (_, _) => _exiting = true;
        return true;
    }

    /// <summary>c10::DataPtr: the data, the context's unique_ptr (deleter first, as libstdc++ lays it out), the device.</summary>
    [StructLayout(LayoutKind.Sequential)]
    private struct DataPtr
    {
        public nint Data;
        public nint Deleter;
        public nint Context;
        public long Device; // type CPU (0), index -1, padding
    }

    [UnmanagedCallersOnly]
    private static void Destroy(nint self) { } // the instance lives as long as the process

    [UnmanagedCallersOnly]
    private static DataPtr Allocate(nint self, nuint bytes)
    {
        nint data = bytes == 0 ? 0 : Rent((long)bytes);
        return new DataPtr { Data = data, Context = data, Device = 0xFF00, Deleter = (nint)(delegate* unmanaged<nint, void>)&Return };
    }

    // Context and data are the same pointer, so raw_allocate/raw_deallocate users work too.
    [UnmanagedCallersOnly]
    private static byte IsSimpleDataPtr(nint self, DataPtr* pointer) => pointer->Data == pointer->Context ? (byte)1 : (byte)0;

    [UnmanagedCallersOnly]
    private static nint RawDeleter(nint self) => (nint)(delegate* unmanaged<nint, void>)&Return;

    [UnmanagedCallersOnly]
    private static void CopyData(nint self, void* destination, void* source, nuint count) =>
        Buffer.MemoryCopy(source, destination, count, count);

    private static nint Rent(long bytes)
    {
        if (bytes + Header < PooledBlockBytes)
        {
            long* small = null;
            try { small = (long*)NativeMemory.AlignedAlloc((nuint)(bytes + Header), Header); }
            catch (OutOfMemoryException) { OutOfMemory(bytes); }
            small[0] = HeapMagic;
            return (nint)small + Header;
        }
        var (index, size) = SizeClass(bytes + Header);
        lock (Gate)
        {
            if (Free[index].TryPop(out var cached))
            {
                _cached -= size;
                _hits++;
                return cached + Header;
            }
            _misses++;
            _reserved += size;
        }
        // Resident from the start: a block reused by larger requests later would otherwise keep adding pages.
        nint mapped = Mmap(0, (nuint)size, ProtRead | ProtWrite, MapPrivate | MapAnonymous | MapPopulate, -1, 0);
        if (mapped == -1) OutOfMemory(bytes);
        var block = (long*)mapped;
        block[0] = PooledMagic;
        block[1] = size;
        block[2] = index;
        return mapped + Header;
    }

    [UnmanagedCallersOnly]
    private static void Return(nint data)
    {
        if (data == 0 || _exiting) return;
        var block = (long*)(data - Header);
        if (block[0] == HeapMagic)
        {
            NativeMemory.AlignedFree(block);
            return;
        }
        if (block[0] != PooledMagic)
            Environment.FailFast($"tensor memory at 0x{data:X} was not allocated by the pool, or its header was overwritten");
        lock (Gate)
        {
            Free[(int)block[2]].Push((nint)block);
            _cached += block[1];
        }
    }

    // No exception may cross back into libtorch's native frames.
    [DoesNotReturn]
    private static void OutOfMemory(long bytes) =>
        Environment.FailFast($"out of memory: no room for a tensor of {bytes:N0} bytes");

    [DllImport("libc", EntryPoint = "mmap")]
    private static extern nint Mmap(nint address, nuint length, int protection, int flags, int fd, nint offset);

    [DllImport("libc", EntryPoint = "munmap")]
    private static extern int Munmap(nint address, nuint length);
}
