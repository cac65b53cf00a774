namespace YoloGen.Data;

/// <summary>A 3×3 matrix of doubles (row-major) for affine and perspective transforms of pixel coordinates.</summary>
public struct Matrix3
{
    private double _m00, _m01, _m02, _m10, _m11, _m12, _m20, _m21, _m22;

    public static Matrix3 Identity => new() { _m00 = 1, _m11 = 1, _m22 = 1 };

    public double this[int row, int col]
    {
        readonly get => (row * 3 + col) switch
        {
            0 => _m00, 1 => _m01, 2 => _m02, 3 => _m10, 4 => _m11, 5 => _m12, 6 => _m20, 7 => _m21, 8 => _m22,
            _ => throw new IndexOutOfRangeException(),
        };
        set
        {
            switch (row * 3 + col)
            {
                case 0: _m00 = value; break;
                case 1: _m01 = value; break;
                case 2: _m02 = value; break;
                case 3: _m10 = value; break;
                case 4: _m11 = value; break;
                case 5: _m12 = value; break;
                case 6: _m20 = value; break;
                case 7: _m21 = value; break;
                case 8: _m22 = value; break;
                default: throw new IndexOutOfRangeException();
            }
        }
    }

    public readonly bool IsIdentity =>
        _m00 == 1 && _m01 == 0 && _m02 == 0 && _m10 == 0 && _m11 == 1 && _m12 == 0 && _m20 == 0 && _m21 == 0 && _m22 == 1;

    public static Matrix3 operator *(Matrix3 a, Matrix3 b)
    {
        var r = new Matrix3();
        for (var i = 0; i < 3; i++)
        {
            for (var j = 0; j < 3; j++)
                r[i, j] = a[i, 0] * b[0, j] + a[i, 1] * b[1, j] + a[i, 2] * b[2, j];
        }
        return r;
    }

    /// <summary>Maps a point; with <paramref name="perspective"/> divides by the homogeneous coordinate.</summary>
    public readonly (double X, double Y) Map(double x, double y, bool perspective)
    {
        var u = _m00 * x + _m01 * y + _m02;
        var v = _m10 * x + _m11 * y + _m12;
        if (!perspective)
            return (u, v);
        var w = _m20 * x + _m21 * y + _m22;
        return (u / w, v / w);
    }

    public readonly Matrix3 Inverse()
    {
        var det = _m00 * (_m11 * _m22 - _m12 * _m21) - _m01 * (_m10 * _m22 - _m12 * _m20) + _m02 * (_m10 * _m21 - _m11 * _m20);
        if (det == 0 || !double.IsFinite(det))
            throw new InvalidOperationException("the transform is not invertible");
        var inv = 1 / det;
        return new Matrix3
        {
            _m00 = (_m11 * _m22 - _m12 * _m21) * inv,
            _m01 = (_m02 * _m21 - _m01 * _m22) * inv,
            _m02 = (_m01 * _m12 - _m02 * _m11) * inv,
            _m10 = (_m12 * _m20 - _m10 * _m22) * inv,
            _m11 = (_m00 * _m22 - _m02 * _m20) * inv,
            _m12 = (_m02 * _m10 - _m00 * _m12) * inv,
            _m20 = (_m10 * _m21 - _m11 * _m20) * inv,
            _m21 = (_m01 * _m20 - _m00 * _m21) * inv,
            _m22 = (_m00 * _m11 - _m01 * _m10) * inv,
        };
    }
}
