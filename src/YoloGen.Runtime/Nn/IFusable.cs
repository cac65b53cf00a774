namespace YoloGen.Nn;

/// <summary>A module that can fold its normalisation into a preceding convolution for inference.</summary>
public interface IFusable
{
    void Fuse();
}
