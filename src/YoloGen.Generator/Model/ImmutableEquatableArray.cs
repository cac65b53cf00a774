using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;

namespace YoloGen.Generator.Model;

/// <summary>
/// An immutable array compared by its elements, so pipeline models that hold one stay value-equatable
/// (an <see cref="System.Collections.Immutable.ImmutableArray{T}"/> compares by reference and would defeat caching).
/// </summary>
internal sealed class ImmutableEquatableArray<T> : IEquatable<ImmutableEquatableArray<T>>, IReadOnlyList<T>
    where T : IEquatable<T>
{
    public static ImmutableEquatableArray<T> Empty { get; } = new(Array.Empty<T>());

    private readonly T[] _items;

    public ImmutableEquatableArray(IEnumerable<T> items) => _items = items.ToArray();

    private ImmutableEquatableArray(T[] items) => _items = items;

    public T this[int index] => _items[index];

    public int Count => _items.Length;

    public bool Equals(ImmutableEquatableArray<T>? other)
    {
        if (ReferenceEquals(this, other)) return true;
        if (other is null || other._items.Length != _items.Length) return false;
        for (var i = 0; i < _items.Length; i++)
        {
            if (!EqualityComparer<T>.Default.Equals(_items[i], other._items[i])) return false;
        }
        return true;
    }

    public override bool Equals(object? obj) => Equals(obj as ImmutableEquatableArray<T>);

    public override int GetHashCode()
    {
        var hash = 17;
        foreach (var item in _items) hash = unchecked(hash * 31 + (item is null ? 0 : item.GetHashCode()));
        return hash;
    }

    public Enumerator GetEnumerator() => new(_items);

    IEnumerator<T> IEnumerable<T>.GetEnumerator() => ((IEnumerable<T>)_items).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => _items.GetEnumerator();

    public struct Enumerator
    {
        private readonly T[] _items;
        private int _index;

        internal Enumerator(T[] items)
        {
            _items = items;
            _index = -1;
        }

        public bool MoveNext() => ++_index < _items.Length;

        public readonly T Current => _items[_index];
    }
}

internal static class ImmutableEquatableArray
{
    public static ImmutableEquatableArray<T> ToImmutableEquatableArray<T>(this IEnumerable<T> items)
        where T : IEquatable<T> => new(items);

    public static ImmutableEquatableArray<T> Create<T>(params T[] items)
        where T : IEquatable<T> => new(items);
}
